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

/**
 * Reads the JOSE header and the claims of a token as one JSON object each, with the platform's JSON-P reader,
 * strictly: duplicate member names (threat model row 10), content after the object, deep nesting (row 9) and
 * invalid UTF-8 are refused. Nesting and trailing content are refused by one cheap pass before the reader runs;
 * huge numbers are read as {@code BigDecimal} without expanding them, or refused by the provider's own limits.
 * Built once; the JSON-P reader factory is made once, never per token. Thread-safe.
 */
final class StrictJsonReader {

    /** Deeper than any real token (Keycloak's {@code resource_access/x/roles} is 3 deep); bounds parser recursion. */
    static final int MAX_DEPTH = 16;

    private final JsonReaderFactory factory;

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
    }

    /**
     * Parses one JSON object, optionally surrounded by JSON whitespace.
     *
     * @throws InvalidTokenException for anything else; no other exception escapes for bad input
     */
    JsonObject readObject(byte[] utf8) throws InvalidTokenException {
        // ASCII (nearly every token): one byte is one char, so the cheap ISO-8859-1 copy is the exact text.
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
