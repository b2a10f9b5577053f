package dev.tessera.bearer;

import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the JOSE header and the claims of a token as one JSON object each, strictly: duplicate member
 * names (SECURITY.md row 10), content after the object, deep nesting (row 9) and invalid UTF-8 are refused.
 * Built once; the JSON-P reader factory is looked up once, never per token. Thread-safe.
 *
 * <p>Ordinary tokens take the {@link AsciiJsonParser} fast path, which builds the same JSON-P values without a JSON-P
 * reader and without this class's shape check and text copy; whatever it does not handle, and everything that is
 * refused, goes through the JSON-P reader.
 */
final class StrictJsonReader {

    /** Deeper than any real token (Keycloak's {@code resource_access/x/roles} is 3 deep); bounds parser recursion. */
    static final int MAX_DEPTH = 16;

    private static final Logger LOG = Logger.getLogger(StrictJsonReader.class.getName());

    private final JsonReaderFactory factory;
    /** {@code null} when the provider does not read {@link #fastPathLimits()} as the fast path does. */
    private final AsciiJsonParser fastPath;

    /**
     * @throws IllegalStateException when the JSON-P provider ignores {@link JsonConfig.KeyStrategy#NONE}:
     *                               tokens could then not be read safely, so deployment must fail
     */
    StrictJsonReader(JsonProvider provider) {
        this.factory = provider.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
        if (!refusesDuplicateNames()) {
            throw new IllegalStateException("the JSON-P provider " + provider.getClass().getName()
                    + " does not refuse duplicate member names with JsonConfig.KEY_STRATEGY=NONE");
        }
        this.fastPath = fastPathAgreeingWith(provider);
    }

    /**
     * Parses one JSON object, optionally surrounded by JSON whitespace.
     *
     * @throws InvalidTokenException for anything else; no other exception escapes for bad input
     */
    JsonObject readObject(byte[] utf8) throws InvalidTokenException {
        JsonObject object = fastPath == null ? null : fastPath.parse(utf8);
        return object != null ? object : readWithJsonP(utf8);
    }

    /** Whether ordinary tokens take the fast path. */
    boolean hasFastPath() {
        return fastPath != null;
    }

    /**
     * One document at every limit of the fast path: {@link #MAX_DEPTH} deep in objects and in arrays, the longest
     * numbers it reads, every escape it decodes.
     */
    static byte[] fastPathLimits() {
        int inner = MAX_DEPTH - 2; // the document and the innermost empty structure are one level each
        String json = " {\"objects\":" + "{\"o\":".repeat(inner) + "[]" + "}".repeat(inner)
                + ",\"arrays\":" + "[".repeat(inner) + "{}" + "]".repeat(inner)
                + ",\r\n\t\"int\":-999999999,\"long\":-999999999999999999,\"longest\":123456789012345678"
                + ",\"decimal\":-1234567890.12345678901234567890,\"small\":0.000000000000000000000000000001"
                + ",\"escapes\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uFFFF\\u0000 ~\""
                + ",\"\":[true,false,null,0,-0,0.0]} ";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The fast path may only accept what JSON-P accepts, and must build what JSON-P builds. A provider with
     * tighter limits (Parsson reads some from system properties), one that reads the limits document differently,
     * one whose object builders (used for nested objects) throw on a repeated name instead of replacing its value, or
     * one without {@code JsonProvider.createValue} (JSON-P 1.0) gets no fast path.
     */
    private AsciiJsonParser fastPathAgreeingWith(JsonProvider provider) {
        byte[] limits = fastPathLimits();
        try {
            AsciiJsonParser parser = new AsciiJsonParser(provider);
            JsonObject fast = parser.parse(limits);
            if (fast != null && fast.equals(readWithJsonP(limits))
                    && parser.parse("{\"a\":1,\"a\":1}".getBytes(StandardCharsets.US_ASCII)) == null
                    // an escaped name in a nested object: read by the building path, whose builders must keep one value
                    && parser.parse("{\"o\":{\"\\u0061\":1,\"a\":1}}".getBytes(StandardCharsets.US_ASCII)) == null) {
                return parser;
            }
        } catch (InvalidTokenException | RuntimeException e) {
            // the provider refused the limits document, cannot create values, or threw on the repeated name
        }
        LOG.info(() -> "Tessera reads every token with the JSON-P provider " + provider.getClass().getName()
                + " (equally strict, slower): the provider does not read JSON at the limits of the fast path alike");
        return null;
    }

    private JsonObject readWithJsonP(byte[] utf8) throws InvalidTokenException {
        String text = checkShape(utf8) ? new String(utf8, StandardCharsets.ISO_8859_1) : strictUtf8(utf8);
        try (JsonReader reader = factory.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            // JsonException for syntax and duplicates; providers also throw plain RuntimeExceptions
            // (nesting limits, number length limits). All of them mean: not acceptable JSON.
            throw new InvalidTokenException("token part is not acceptable JSON");
        }
    }

    /**
     * One cheap pass before the parser: the text must be a single object (JSON-P readers ignore content
     * after it) nested at most {@link #MAX_DEPTH} deep (parsers recurse per level).
     *
     * @return whether every byte is ASCII
     */
    private static boolean checkShape(byte[] utf8) throws InvalidTokenException {
        int i = 0;
        int n = utf8.length;
        while (i < n && isWhitespace(utf8[i])) {
            i++;
        }
        if (i == n || utf8[i] != '{') {
            throw new InvalidTokenException("token part is not a JSON object");
        }
        boolean ascii = true;
        int depth = 0;
        int end = -1;
        while (i < n && end < 0) {
            byte b = utf8[i++];
            if (b == '"') {
                // Skip the string: brackets inside it are text. An escape skips the next byte ("\"", "\\").
                while (i < n && utf8[i] != '"') {
                    ascii &= utf8[i] >= 0;
                    i += utf8[i] == '\\' ? 2 : 1;
                }
                i++;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new InvalidTokenException("token part is nested too deeply");
                }
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    end = i - 1;
                }
            } else {
                ascii &= b >= 0;
            }
        }
        if (end < 0) {
            throw new InvalidTokenException("token part is not a complete JSON object");
        }
        for (i = end + 1; i < n; i++) {
            if (!isWhitespace(utf8[i])) {
                throw new InvalidTokenException("token part has content after the JSON object");
            }
        }
        return ascii;
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
            throw new InvalidTokenException("token part is not UTF-8");
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
