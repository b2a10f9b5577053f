package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The fast path of {@link StrictJsonReader}: a strict parser for the JSON that real tokens contain, reading the
 * decoded bytes directly instead of through a {@code Reader}, a character buffer and a parser state machine.
 *
 * <p>It never refuses anything: it returns either the object, built from the JSON-P provider's own values (so
 * equality, {@code toString()} and every getter are JSON-P's), or {@code null}, and the caller hands the text to
 * the JSON-P reader, which accepts or refuses it. It returns {@code null} for anything outside RFC 8259 and for all
 * it leaves to JSON-P on purpose, because real tokens rarely have it: bytes outside printable ASCII (UTF-8 text
 * needs strict decoding), {@code \}u escapes of surrogates (providers disagree on lone ones), numbers with an
 * exponent, integers of more than 18 digits and other numbers longer than {@link #MAX_NUMBER_LENGTH}, duplicate
 * member names (JSON-P refuses them), nesting deeper than {@link StrictJsonReader#MAX_DEPTH}, and content after
 * the object. The common escapes ({@code \/} from PHP encoders, {@code \}u00e9 from Python's) are decoded here.
 *
 * <p>It reads a text in one of two ways, which accept the same texts and give equal objects. First lazily: the
 * objects are {@link TokenJsonObject}s, and the outermost one's arrays, objects and plain strings are checked now but
 * made only when asked for, because most claims of a token are never read. Texts that way leaves alone (names with
 * escapes inside nested objects, more than {@link TokenJsonObject.Members#MAX_SIZE} members in one object) are read
 * again by building everything with the provider's builders. Thread-safe.
 */
final class AsciiJsonParser {

    /** Longest number text handled here: enough for any real claim, far below every provider's own limit. */
    static final int MAX_NUMBER_LENGTH = 32;

    /** Integers of up to this many digits always fit a {@code long}. */
    private static final int MAX_LONG_DIGITS = 18;

    /** JSON-P readers (Parsson) make an {@code int} number of up to 9 digits, a {@code long} one of more. */
    private static final int MAX_INT_DIGITS = 9;

    /** Printable ASCII other than the quote and the backslash: string content that needs no second look. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x7F; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private final JsonProvider provider;
    private final JsonBuilderFactory builders;

    /**
     * @param provider makes the values; it must implement {@code JsonProvider.createValue} (JSON-P 1.1), which
     *                 {@link StrictJsonReader} checks before it uses this parser
     */
    AsciiJsonParser(JsonProvider provider) {
        this.provider = provider;
        // Explicit, because Parsson's builders otherwise follow a system property and may throw on a repeated name.
        this.builders = provider.createBuilderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.LAST));
    }

    /** The provider that makes the values. */
    JsonProvider provider() {
        return provider;
    }

    /**
     * Parses one JSON object, optionally surrounded by JSON whitespace.
     *
     * @return the object, or {@code null} when this parser leaves the text to JSON-P; never throws
     */
    JsonObject parse(byte[] json) {
        Cursor lazy = new Cursor(json, 0);
        JsonObject object = lazy.document(true);
        // Read again only what the building path reads and the lazy one does not; anything else goes to JSON-P.
        return object != null || !lazy.leftToBuilding ? object : new Cursor(json, 0).document(false);
    }

    /**
     * Makes the array or object that starts at {@code json[start]}, a member of an object that the lazy path checked:
     * an object as a {@link TokenJsonObject} again, an array with the provider's builder. Both read what the check
     * accepted: they apply the same rules, and the depth limit from here on is no tighter than from the document.
     */
    JsonValue structureAt(byte[] json, int start) {
        Cursor cursor = new Cursor(json, start);
        JsonValue value = json[start] == '{' ? cursor.lazyObject(1, 4) : cursor.value(1);
        if (value == null) {
            throw new IllegalStateException("a checked JSON structure could not be built");
        }
        return value;
    }

    /** The position in one text; one per call. */
    private final class Cursor {

        private final byte[] in;
        private int pos;
        /** Lazy path: the names of the nested objects being checked, three ints each (fingerprint, start, end). */
        private int[] names;
        private int namesTop;
        /**
         * Lazy path: set when it stopped at what the building path reads (a name with escapes in a nested object, an
         * object of more than {@link TokenJsonObject.Members#MAX_SIZE} members) rather than at what neither reads.
         */
        boolean leftToBuilding;

        Cursor(byte[] in, int pos) {
            this.in = in;
            this.pos = pos;
        }

        /**
         * @param lazy whether the outermost object is a {@link TokenJsonObject} whose strings and structures are only
         *             checked now, and made when asked for; otherwise everything is built now
         */
        JsonObject document(boolean lazy) {
            skipWhitespace();
            if (!at('{')) {
                return null;
            }
            // About one member per 32 bytes: the claims of real tokens need no second array.
            JsonObject object = lazy ? lazyObject(1, Math.max(4, in.length / 32)) : object(1);
            skipWhitespace();
            return object != null && pos == in.length ? object : null;
        }

        /**
         * An object at {@code depth}, the cursor on its '{', as a {@link TokenJsonObject}: numbers, literals and strings
         * with escapes are made now; plain strings, arrays and objects only checked. {@code null} also for more than
         * {@link TokenJsonObject.Members#MAX_SIZE} members.
         *
         * @param capacity the number of members expected
         */
        private JsonObject lazyObject(int depth, int capacity) {
            pos++;
            TokenJsonObject.Members members = new TokenJsonObject.Members(AsciiJsonParser.this, in, capacity);
            skipWhitespace();
            if (take('}')) {
                return members.build();
            }
            do {
                if (members.full()) {
                    leftToBuilding = true;
                    return null;
                }
                skipWhitespace();
                if (!at('"') || !member(members, depth)) {
                    return null;
                }
                skipWhitespace();
            } while (take(','));
            return take('}') ? members.build() : null;
        }

        /** One member of a lazy object at {@code depth}, the cursor on its name's opening quote. */
        private boolean member(TokenJsonObject.Members members, int depth) {
            int nameStart = pos + 1;
            int nameEnd = plainEnd(nameStart);
            String decodedName = null;
            if (nameEnd < in.length && in[nameEnd] == '"') {
                pos = nameEnd + 1;
            } else {
                decodedName = string();
                if (decodedName == null) {
                    return false;
                }
            }
            skipWhitespace();
            if (!take(':')) {
                return false;
            }
            skipWhitespace();
            int valueStart = pos;
            if (at('"')) {
                int valueEnd = plainEnd(valueStart + 1);
                if (valueEnd < in.length && in[valueEnd] == '"') {
                    pos = valueEnd + 1;
                    return members.addString(nameStart, nameEnd, decodedName, valueStart + 1, valueEnd);
                }
            } else if (at('{') || at('[')) {
                return skipValue(depth) && members.addStructure(nameStart, nameEnd, decodedName, valueStart);
            }
            JsonValue value = value(depth);
            return value != null && members.add(nameStart, nameEnd, decodedName, value);
        }

        /** Checks a value inside a structure at {@code depth} as {@link #value} reads it, without making it. */
        private boolean skipValue(int depth) {
            if (pos == in.length) {
                return false;
            }
            boolean nestable = depth < StrictJsonReader.MAX_DEPTH;
            return switch (in[pos]) {
                case '{' -> nestable && skipObject(depth + 1);
                case '[' -> nestable && skipArray(depth + 1);
                case '"' -> skipString();
                default -> value(depth) != null; // literals and numbers: few, and cheap to make
            };
        }

        /**
         * Checks an object at {@code depth}, the cursor on its '{'. Names must be plain (escaped ones are left to the
         * building path) and not repeated (SECURITY.md row 10); an object of more than
         * {@link TokenJsonObject.Members#MAX_SIZE} members is left to the building path, which finds repeats by hashing.
         */
        private boolean skipObject(int depth) {
            pos++;
            int base = namesTop;
            try {
                skipWhitespace();
                if (take('}')) {
                    return true;
                }
                do {
                    skipWhitespace();
                    if (!at('"') || !skipName(base)) {
                        return false;
                    }
                    skipWhitespace();
                    if (!take(':')) {
                        return false;
                    }
                    skipWhitespace();
                    if (!skipValue(depth)) {
                        return false;
                    }
                    skipWhitespace();
                } while (take(','));
                return take('}');
            } finally {
                namesTop = base;
            }
        }

        /** A plain name of the object whose names start at {@code names[base]}, the cursor on its opening quote. */
        private boolean skipName(int base) {
            int start = pos + 1;
            int end = plainEnd(start);
            if (end == in.length || in[end] != '"' || namesTop - base == 3 * TokenJsonObject.Members.MAX_SIZE) {
                leftToBuilding = end < in.length && (in[end] == '\\' || in[end] == '"');
                return false;
            }
            int fingerprint = TokenJsonObject.fingerprint(in, start, end);
            for (int i = base; i < namesTop; i += 3) {
                if (names[i] == fingerprint && Arrays.equals(in, names[i + 1], names[i + 2], in, start, end)) {
                    return false;
                }
            }
            if (names == null || namesTop == names.length) {
                names = names == null ? new int[3 * 16] : Arrays.copyOf(names, 2 * names.length);
            }
            names[namesTop++] = fingerprint;
            names[namesTop++] = start;
            names[namesTop++] = end;
            pos = end + 1;
            return true;
        }

        /** Checks an array at {@code depth}, the cursor on its '['. */
        private boolean skipArray(int depth) {
            pos++;
            skipWhitespace();
            if (take(']')) {
                return true;
            }
            do {
                skipWhitespace();
                if (!skipValue(depth)) {
                    return false;
                }
                skipWhitespace();
            } while (take(','));
            return take(']');
        }

        /** Checks a string, the cursor on its opening quote. */
        private boolean skipString() {
            int end = plainEnd(pos + 1);
            if (end < in.length && in[end] == '"') {
                pos = end + 1;
                return true;
            }
            return string() != null; // escapes: decoded to check them, which is rare
        }

        /** An object at {@code depth} (the document is 1), the cursor on its '{'. */
        private JsonObject object(int depth) {
            pos++;
            JsonObjectBuilder builder = builders.createObjectBuilder();
            skipWhitespace();
            if (take('}')) {
                return builder.build();
            }
            int members = 0;
            do {
                skipWhitespace();
                String name = at('"') ? string() : null;
                if (name == null) {
                    return null;
                }
                skipWhitespace();
                if (!take(':')) {
                    return null;
                }
                skipWhitespace();
                JsonValue value = value(depth);
                if (value == null) {
                    return null;
                }
                builder.add(name, value);
                members++;
                skipWhitespace();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
            JsonObject object = builder.build();
            // The builder keeps the last value of a repeated name: the object is then smaller (SECURITY.md row 10).
            return object.size() == members ? object : null;
        }

        /** An array at {@code depth}, the cursor on its '['. */
        private JsonArray array(int depth) {
            pos++;
            JsonArrayBuilder builder = builders.createArrayBuilder();
            skipWhitespace();
            if (take(']')) {
                return builder.build();
            }
            do {
                skipWhitespace();
                JsonValue value = value(depth);
                if (value == null) {
                    return null;
                }
                builder.add(value);
                skipWhitespace();
            } while (take(','));
            return take(']') ? builder.build() : null;
        }

        /** A value inside a structure at {@code depth}. */
        private JsonValue value(int depth) {
            if (pos == in.length) {
                return null;
            }
            boolean nestable = depth < StrictJsonReader.MAX_DEPTH;
            return switch (in[pos]) {
                case '{' -> nestable ? object(depth + 1) : null;
                case '[' -> nestable ? array(depth + 1) : null;
                case '"' -> {
                    String text = string();
                    yield text == null ? null : provider.createValue(text);
                }
                case 't' -> literal("true", JsonValue.TRUE);
                case 'f' -> literal("false", JsonValue.FALSE);
                case 'n' -> literal("null", JsonValue.NULL);
                default -> number();
            };
        }

        private JsonValue literal(String word, JsonValue value) {
            if (pos + word.length() > in.length) {
                return null;
            }
            for (int i = 0; i < word.length(); i++) {
                if (in[pos + i] != word.charAt(i)) {
                    return null;
                }
            }
            pos += word.length();
            return value;
        }

        /**
         * {@code -?(0|[1-9][0-9]*)(.[0-9]+)?} (RFC 8259 §6) without an exponent. An integer becomes the {@code int}
         * or {@code long} number a JSON-P reader makes of it, a decimal its exact {@link BigDecimal} (scale kept:
         * JSON-P's equality tells {@code 1.0} from {@code 1.00}).
         */
        private JsonValue number() {
            int start = pos;
            take('-');
            int digitsStart = pos;
            if (!take('0')) {
                while (pos < in.length && isDigit(in[pos])) {
                    pos++;
                }
            }
            int digits = pos - digitsStart;
            if (digits == 0) {
                return null;
            }
            boolean decimal = take('.');
            if (decimal) {
                int fractionStart = pos;
                while (pos < in.length && isDigit(in[pos])) {
                    pos++;
                }
                if (pos == fractionStart) {
                    return null;
                }
            }
            if (at('e') || at('E') || pos - start > MAX_NUMBER_LENGTH) {
                return null;
            }
            if (decimal) {
                return provider.createValue(new BigDecimal(new String(in, start, pos - start, StandardCharsets.ISO_8859_1)));
            }
            if (digits > MAX_LONG_DIGITS) {
                return null;
            }
            long value = 0;
            for (int i = digitsStart; i < pos; i++) {
                value = value * 10 + (in[i] - '0');
            }
            value = in[start] == '-' ? -value : value;
            return digits <= MAX_INT_DIGITS ? provider.createValue((int) value) : provider.createValue(value);
        }

        /** A string, the cursor on its opening quote; {@code null} for what this parser leaves to JSON-P. */
        private String string() {
            int start = pos + 1;
            int end = plainEnd(start);
            pos = end;
            if (end == in.length) {
                return null;
            }
            if (in[end] == '"') {
                pos++;
                return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
            }
            return in[end] == '\\' ? escapedString(start) : null;
        }

        /** The index of the first byte from {@code start} on that is not {@link #PLAIN plain} string content. */
        private int plainEnd(int start) {
            int end = start;
            while (end < in.length && PLAIN[in[end] & 0xFF]) {
                end++;
            }
            return end;
        }

        /** The rest of a string that has escapes (RFC 8259 §7), the cursor on the first backslash. */
        private String escapedString(int start) {
            StringBuilder text = new StringBuilder(pos - start + 16);
            for (int i = start; i < pos; i++) {
                text.append((char) in[i]);
            }
            while (pos < in.length) {
                byte b = in[pos++];
                if (b == '"') {
                    return text.toString();
                }
                int c = b == '\\' ? unescape() : isPrintableAscii(b) ? b : -1;
                if (c < 0) {
                    return null;
                }
                text.append((char) c);
            }
            return null;
        }

        /** The character of the escape after a backslash, or -1. */
        private int unescape() {
            if (pos == in.length) {
                return -1;
            }
            return switch (in[pos++]) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> unicodeEscape();
                default -> -1;
            };
        }

        /** The four hex digits of a {@code \}u escape; -1 for a surrogate, whose handling differs between providers. */
        private int unicodeEscape() {
            if (pos + 4 > in.length) {
                return -1;
            }
            int c = 0;
            for (int end = pos + 4; pos < end; pos++) {
                int digit = hexValue(in[pos]);
                if (digit < 0) {
                    return -1;
                }
                c = c << 4 | digit;
            }
            return Character.isSurrogate((char) c) ? -1 : c;
        }

        private void skipWhitespace() {
            while (pos < in.length && isWhitespace(in[pos])) {
                pos++;
            }
        }

        private boolean at(char c) {
            return pos < in.length && in[pos] == c;
        }

        private boolean take(char c) {
            if (at(c)) {
                pos++;
                return true;
            }
            return false;
        }
    }

    /** RFC 8259 §2. */
    private static boolean isWhitespace(byte b) {
        return b <= ' ' && (b == ' ' || b == '\t' || b == '\n' || b == '\r');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What a string may hold unescaped here: RFC 8259 excludes controls; DEL and non-ASCII are left to JSON-P. */
    private static boolean isPrintableAscii(byte b) {
        return b >= 0x20 && b < 0x7F;
    }

    private static int hexValue(byte b) {
        if (isDigit(b)) {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
