package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JOSE header and the claims of a token as one JSON object each, with the platform's JSON-P reader,
 * strictly: duplicate member names (threat model row 10), content after the object, deep nesting (row 9) and
 * invalid UTF-8 are refused. Nesting and trailing content are refused by one cheap pass before the reader runs;
 * huge numbers are read as {@code BigDecimal} without expanding them, or refused by the provider's own limits.
 *
 * <p>Claims are read with the same provider's streaming parser ({@link #readClaims}): it checks the whole text
 * (nesting and repeated names counted here as it goes, no shape pass), but only the claims that verification reads
 * become values; the rest become values when the application asks for them. Built once; the JSON-P factories are made once, never per token. Thread-safe.
 */
final class StrictJsonReader {

    /** Deeper than any real token (Keycloak's {@code resource_access/x/roles} is 3 deep); bounds parser recursion. */
    static final int MAX_DEPTH = 16;

    private final JsonProvider provider;
    private final JsonReaderFactory factory;
    private final JsonParserFactory parsers;

    /**
     * @throws IllegalStateException when the JSON-P provider ignores {@link JsonConfig.KeyStrategy#NONE}:
     *                               tokens could then not be read safely, so deployment must fail
     */
    StrictJsonReader(JsonProvider provider) {
        this.provider = provider;
        this.parsers = provider.createParserFactory(Map.of());
        this.factory = provider.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
        if (!refusesDuplicateNames()) {
            throw new IllegalStateException("the JSON-P provider " + provider.getClass().getName()
                    + " does not refuse duplicate member names with JsonConfig.KEY_STRATEGY=NONE");
        }
    }

    /**
     * Parses one JSON object, optionally surrounded by JSON whitespace.
     *
     * @throws InvalidTokenException for anything else; no other exception escapes for bad input
     */
    JsonObject readObject(byte[] utf8) throws InvalidTokenException {
        checkShape(utf8);
        try (JsonReader reader = factory.createReader(new StringReader(text(utf8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            // JsonException for syntax and duplicates; providers also throw plain RuntimeExceptions
            // (nesting limits, number length limits). All of them mean: not acceptable JSON.
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is not acceptable JSON");
        }
    }

    /**
     * Parses one JSON object as strictly as {@link #readObject}, with the provider's streaming parser, making values
     * only of the members named in {@code readNow}; the object returned makes the whole object with
     * {@link #readObject} the first time any other member is asked for. The streaming parser has no setting for
     * duplicate member names, so they are refused here, in every object (RFC 7519 §4, threat model row 10).
     *
     * @throws InvalidTokenException for anything {@link #readObject} would refuse
     */
    JsonObject readClaims(byte[] utf8, Set<String> readNow) throws InvalidTokenException {
        // No shape pass: the streaming parser does not recurse, so nesting is counted here as it is read.
        String text = text(utf8);
        Map<String, JsonValue> values = new HashMap<>();
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (parser.next() != Event.START_OBJECT) {
                throw new InvalidTokenException(Refusal.MALFORMED, "token part is not a JSON object");
            }
            readMembers(parser, 1, null, readNow, values);
            if (parser.hasNext()) { // the parser refuses most trailing content itself
                throw new InvalidTokenException(Refusal.MALFORMED, "token part has content after the JSON object");
            }
        } catch (RuntimeException e) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is not acceptable JSON");
        }
        return new LazyJsonObject(values, readNow, () -> readAccepted(utf8));
    }

    /** The whole object of claims that {@link #readClaims} accepted: the same provider reads them alike. */
    private JsonObject readAccepted(byte[] utf8) {
        try {
            return readObject(utf8);
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("the JSON-P reader refused claims that its streaming parser accepted", e);
        }
    }

    /**
     * Reads the members of an object nested {@code depth} deep up to its END_OBJECT, refusing a repeated name. A
     * member goes to {@code object} when one is given (the object is being built), else to {@code values} when
     * {@code readNow} names it.
     */
    private void readMembers(JsonParser parser, int depth, JsonObjectBuilder object, Set<String> readNow,
            Map<String, JsonValue> values) throws InvalidTokenException {
        MemberNames names = new MemberNames();
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString(); // a KEY_NAME: the parser refuses anything else here
            if (!names.add(name)) {
                throw new InvalidTokenException(Refusal.MALFORMED, "token part repeats a member name");
            }
            if (object != null) {
                object.add(name, readValue(parser, parser.next(), depth, true));
            } else if (readNow.contains(name)) {
                values.put(name, readValue(parser, parser.next(), depth, true));
            } else {
                readValue(parser, parser.next(), depth, false);
            }
        }
    }

    /**
     * Reads the value that starts with {@code event} inside a structure nested {@code depth} deep; made only when
     * {@code make}, else only checked.
     */
    private JsonValue readValue(JsonParser parser, Event event, int depth, boolean make) throws InvalidTokenException {
        if ((event == Event.START_OBJECT || event == Event.START_ARRAY) && depth == MAX_DEPTH) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is nested too deeply");
        }
        switch (event) {
            case START_OBJECT:
                JsonObjectBuilder object = make ? provider.createObjectBuilder() : null;
                readMembers(parser, depth + 1, object, Set.of(), null);
                return make ? object.build() : null;
            case START_ARRAY:
                JsonArrayBuilder array = make ? provider.createArrayBuilder() : null;
                for (Event element = parser.next(); element != Event.END_ARRAY; element = parser.next()) {
                    JsonValue value = readValue(parser, element, depth + 1, make);
                    if (make) {
                        array.add(value);
                    }
                }
                return make ? array.build() : null;
            case VALUE_STRING:
                // Parsson's own string value copies its text again on every getString(); this one holds it once.
                return make ? provider.createValue(parser.getString()) : null;
            case VALUE_NUMBER:
                // Made even when not kept: making a number applies the provider's limits on its length, as
                // readObject does, so no token is accepted here whose whole object could not be read later.
                JsonValue number = parser.getValue();
                return make ? number : null;
            default:
                return make ? parser.getValue() : null;
        }
    }

    /** The text of a token part: UTF-8 (RFC 7515 §4, RFC 7519 §7.2), malformed sequences refused, never replaced. */
    private static String text(byte[] utf8) throws InvalidTokenException {
        // Nearly every token is ASCII: the JDK copies it as it is after one vectorized check, and turns any other
        // byte into U+FFFD, which ASCII cannot hold; only then is the text decoded strictly.
        String ascii = new String(utf8, StandardCharsets.US_ASCII);
        return ascii.indexOf('\uFFFD') < 0 ? ascii : strictUtf8(utf8);
    }

    /**
     * One cheap pass before the parser: the text must be a single object (JSON-P readers ignore content
     * after it) nested at most {@link #MAX_DEPTH} deep (parsers recurse per level).
     */
    private static void checkShape(byte[] utf8) throws InvalidTokenException {
        int i = 0;
        int n = utf8.length;
        while (i < n && isWhitespace(utf8[i])) {
            i++;
        }
        if (i == n || utf8[i] != '{') {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is not a JSON object");
        }
        int depth = 0;
        int end = -1;
        while (i < n && end < 0) {
            byte b = utf8[i++];
            if (b == '"') {
                // Skip the string: brackets inside it are text. An escape skips the next byte ("\"", "\\").
                while (i < n && utf8[i] != '"') {
                    i += utf8[i] == '\\' ? 2 : 1;
                }
                i++;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new InvalidTokenException(Refusal.MALFORMED, "token part is nested too deeply");
                }
            } else if ((b == '}' || b == ']') && --depth == 0) {
                end = i - 1;
            }
        }
        if (end < 0) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is not a complete JSON object");
        }
        for (i = end + 1; i < n; i++) {
            if (!isWhitespace(utf8[i])) {
                throw new InvalidTokenException(Refusal.MALFORMED, "token part has content after the JSON object");
            }
        }
    }

    /**
     * The member names of one object read so far, to refuse a repeated one. The first {@link #PROBED} names go into
     * an open-addressing table, cheaper than a {@code HashSet} for the few names of a token's objects; further names
     * go into a {@code HashSet}, whose bins of equal hash codes are trees, so that names made to share a hash code
     * cost at most {@code PROBED} comparisons each rather than one per name before them.
     */
    private static final class MemberNames {

        private static final int PROBED = 32;

        private final String[] table = new String[2 * PROBED]; // at most half full: short probe runs
        private int size;
        private Set<String> more;

        /** @return whether the name is new to the object */
        boolean add(String name) {
            if (more == null && size == PROBED) {
                more = new HashSet<>(Arrays.asList(table));
                more.remove(null);
            }
            if (more != null) {
                return more.add(name);
            }
            int mask = table.length - 1;
            int hash = name.hashCode();
            int i = (hash ^ hash >>> 16) & mask; // as HashMap spreads it
            for (; table[i] != null; i = (i + 1) & mask) {
                if (table[i].equals(name)) {
                    return false;
                }
            }
            table[i] = name;
            size++;
            return true;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** RFC 7515 §4 and RFC 7519 §7.2: UTF-8; malformed sequences are refused rather than replaced. */
    private static String strictUtf8(byte[] utf8) throws InvalidTokenException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is not UTF-8");
        }
    }

    private boolean refusesDuplicateNames() {
        try (JsonReader reader = factory.createReader(new StringReader("{\"a\":1,\"a\":2}"))) {
            reader.readObject();
            return false;
        } catch (RuntimeException expected) {
            return true;
        }
    }
}
