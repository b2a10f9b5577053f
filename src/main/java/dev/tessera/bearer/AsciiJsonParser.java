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
 * Thread-safe.
 */
final class AsciiJsonParser {

    /** Longest number text handled here: enough for any real claim, far below every provider's own limit. */
    static final int MAX_NUMBER_LENGTH = 32;

    /** Integers of up to this many digits always fit a {@code long}. */
    private static final int MAX_LONG_DIGITS = 18;

    /** JSON-P readers (Parsson) make an {@code int} number of up to 9 digits, a {@code long} one of more. */
    private static final int MAX_INT_DIGITS = 9;

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

    /**
     * Parses one JSON object, optionally surrounded by JSON whitespace.
     *
     * @return the object, or {@code null} when this parser leaves the text to JSON-P; never throws
     */
    JsonObject parse(byte[] json) {
        return new Cursor(json).document();
    }

    /** The position in one text; one per call. */
    private final class Cursor {

        private final byte[] in;
        private int pos;

        Cursor(byte[] in) {
            this.in = in;
        }

        JsonObject document() {
            skipWhitespace();
            if (!at('{')) {
                return null;
            }
            JsonObject object = object(1);
            skipWhitespace();
            return pos == in.length ? object : null;
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
            int end = start;
            while (end < in.length && isPlain(in[end])) {
                end++;
            }
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
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What a string may hold unescaped here: RFC 8259 excludes controls; DEL and non-ASCII are left to JSON-P. */
    private static boolean isPrintableAscii(byte b) {
        return b >= 0x20 && b < 0x7F;
    }

    /** Printable ASCII other than the quote and the backslash: string content that needs no second look. */
    private static boolean isPlain(byte b) {
        return b >= 0x20 && b < 0x7F && b != '"' && b != '\\';
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
