package dev.tessera.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Randomly mutated token JSON, read by the fast path and by JSON-P: whenever the fast path reads a text, JSON-P
 * (configured as {@link StrictJsonReader} configures it) and a {@link StrictJsonReader} without the fast path both
 * accept it and read the same value. Fixed seed, override with {@code -Dtessera.fuzz.seed=...}.
 */
class AsciiJsonParserDifferentialTest {

    private static final long SEED = Long.getLong("tessera.fuzz.seed", 20250301L);
    private static final int ITERATIONS = 20_000;

    /** What JSON is made of, plus whitespace; rarely a byte the fast path must leave alone. */
    private static final byte[] ALPHABET = "{}[]\",:\\ \t\r\n0123456789abcdefghijklmnopqrstuvwxyzeE+-.tfnu"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RARE = {0x00, 0x1F, 0x7F, (byte) 0x80, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 'A', 'F', '/'};

    private static final List<String> SEEDS = List.of(
            // Keycloak access token
            "{\"exp\":1740830700,\"iat\":1740830400,\"auth_time\":1740830390,\"jti\":\"b6c1f1a4-6f7e-4a8e\","
                    + "\"iss\":\"https://login.example.com/realms/acme\",\"aud\":[\"orders-api\",\"account\"],"
                    + "\"sub\":\"3f2a9c1e-7b4d\",\"typ\":\"Bearer\",\"azp\":\"orders-web\",\"acr\":\"1\","
                    + "\"realm_access\":{\"roles\":[\"offline_access\",\"orders-reader\"]},"
                    + "\"resource_access\":{\"orders-api\":{\"roles\":[\"reader\",\"writer\"]}},"
                    + "\"scope\":\"openid profile email\",\"email_verified\":true,\"preferred_username\":\"alice\","
                    + "\"score\":3.25,\"nothing\":null,\"empty\":{},\"none\":[],\"n\":-17}",
            // Open Liberty's OpenID Connect provider, client credentials
            "{\"sub\":\"reader\",\"token_type\":\"Bearer\",\"scope\":[\"orders.read\"],\"azp\":\"reader\","
                    + "\"iss\":\"http://localhost:9080/oidc/endpoint/OP\",\"exp\":1740830700,\"iat\":1740830400,"
                    + "\"realmName\":\"BasicRealm\",\"uniqueSecurityName\":\"reader\"}",
            // Auth0, URL-named claims; PHP-style escaped slashes; Python-style escapes of non-ASCII
            "{\"https:\\/\\/example.com\\/roles\":[\"admin\"],\"iss\":\"https:\\/\\/tenant.auth0.com\\/\","
                    + "\"name\":\"Jos\\u00e9 \\\"JJ\\\" M\\u00fcller\",\"aud\":[\"api\",\"https://tenant.auth0.com/userinfo\"],"
                    + "\"exp\":1740830700,\"gty\":\"client-credentials\",\"permissions\":[\"read:orders\"]}",
            // Pretty-printed, with decimals and nested arrays
            "{\n  \"ver\": \"2.0\",\n  \"tid\": \"9188040d\",\n  \"roles\": [ \"Task.Read\", \"Task.Write\" ],\n"
                    + "  \"nbf\": 1740830400,\n  \"amount\": -0.50,\n  \"matrix\": [[1, 2], [3, [4, {\"x\": false}]]]\n}\r\n",
            // JOSE headers
            "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"Xk3tQ2m9vB7nL1pR5sT8wY0zA4cE6gI\"}",
            "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"ec-1\",\"x5t\":\"dGVzdA\"}",
            "{\"typ\":\"JWT\",\"alg\":\"PS256\"}");

    private static final Pattern NAME = Pattern.compile("\"([^\"\\\\]+)\"\\s*:");

    private final JsonProvider provider = JsonProvider.provider();
    private final JsonReaderFactory jsonP =
            provider.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private final AsciiJsonParser parser = new AsciiJsonParser(provider);
    /** The JSON-P path of StrictJsonReader, shape checks included: a provider that cannot create values gets no other. */
    private final StrictJsonReader withoutFastPath =
            new StrictJsonReader(ForwardingJsonProvider.withoutCreateValue(provider));

    @Test
    void whateverTheFastPathReadsJsonPReadsTheSame() {
        assertThat(withoutFastPath.hasFastPath()).isFalse();
        Random random = new Random(SEED);
        int read = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] text = mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8), random);
            JsonObject fast;
            try {
                fast = parser.parse(text);
            } catch (Throwable e) {
                throw new AssertionError(failure(i, text, "the fast path threw " + e), e);
            }
            if (fast != null) {
                read++;
                assertSameAsJsonP(fast, text, i);
            }
        }
        // Not vacuous: many mutants stay valid JSON, and the fast path must read them.
        assertThat(read).as("texts read by the fast path (seed %d)", SEED).isGreaterThan(ITERATIONS / 10);
    }

    private void assertSameAsJsonP(JsonObject fast, byte[] text, int iteration) {
        JsonObject expected;
        JsonObject strict;
        try (JsonReader reader = jsonP.createReader(new StringReader(new String(text, StandardCharsets.UTF_8)))) {
            expected = reader.readObject();
            strict = withoutFastPath.readObject(text);
        } catch (Exception e) {
            throw new AssertionError(failure(iteration, text, "the fast path read what JSON-P refuses: " + e), e);
        }
        if (!fast.equals(expected) || !expected.equals(fast) || !fast.equals(strict)
                || fast.hashCode() != expected.hashCode() || !fast.toString().equals(expected.toString())) {
            fail(failure(iteration, text, "read " + fast + " but JSON-P read " + expected));
        }
        assertSameValue(fast, expected, "$", iteration, text);
    }

    /** Type by type; numbers by BigDecimal value, scale and the Number type that getClaim exposes. */
    private static void assertSameValue(JsonValue fast, JsonValue expected, String path, int iteration, byte[] text) {
        if (fast.getValueType() != expected.getValueType()) {
            fail(failure(iteration, text, path + " is " + fast.getValueType() + ", JSON-P: " + expected.getValueType()));
        }
        switch (fast.getValueType()) {
            case OBJECT -> {
                JsonObject object = fast.asJsonObject();
                JsonObject other = expected.asJsonObject();
                if (!new ArrayList<>(object.keySet()).equals(new ArrayList<>(other.keySet()))) {
                    fail(failure(iteration, text, path + " has names " + object.keySet() + ", JSON-P: " + other.keySet()));
                }
                object.forEach((name, value) -> assertSameValue(value, other.get(name), path + "." + name, iteration, text));
            }
            case ARRAY -> {
                JsonArray array = fast.asJsonArray();
                JsonArray other = expected.asJsonArray();
                if (array.size() != other.size()) {
                    fail(failure(iteration, text, path + " has " + array.size() + " elements, JSON-P: " + other.size()));
                }
                for (int i = 0; i < array.size(); i++) {
                    assertSameValue(array.get(i), other.get(i), path + "[" + i + "]", iteration, text);
                }
            }
            case NUMBER -> {
                JsonNumber number = (JsonNumber) fast;
                JsonNumber other = (JsonNumber) expected;
                if (number.bigDecimalValue().compareTo(other.bigDecimalValue()) != 0
                        || number.bigDecimalValue().scale() != other.bigDecimalValue().scale()
                        || number.numberValue().getClass() != other.numberValue().getClass()) {
                    fail(failure(iteration, text, path + " is " + number + ", JSON-P: " + other));
                }
            }
            default -> {
                if (!fast.equals(expected)) {
                    fail(failure(iteration, text, path + " is " + fast + ", JSON-P: " + expected));
                }
            }
        }
    }

    private static byte[] mutate(byte[] text, Random random) {
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            text = switch (random.nextInt(10)) {
                case 0, 1 -> delete(text, random);
                case 2, 3 -> insert(text, random.nextInt(text.length + 1), new byte[] {someByte(random)});
                case 4, 5 -> replace(text, random);
                case 6 -> duplicateMember(text, random);
                case 7 -> Arrays.copyOf(text, random.nextInt(text.length + 1));
                case 8 -> deepen(text, random);
                default -> text; // unchanged: the seeds themselves must be read too
            };
        }
        return text;
    }

    private static byte someByte(Random random) {
        return random.nextInt(50) == 0 ? RARE[random.nextInt(RARE.length)] : ALPHABET[random.nextInt(ALPHABET.length)];
    }

    private static byte[] delete(byte[] text, Random random) {
        if (text.length == 0) {
            return text;
        }
        int at = random.nextInt(text.length);
        byte[] shorter = new byte[text.length - 1];
        System.arraycopy(text, 0, shorter, 0, at);
        System.arraycopy(text, at + 1, shorter, at, text.length - at - 1);
        return shorter;
    }

    private static byte[] replace(byte[] text, Random random) {
        if (text.length == 0) {
            return text;
        }
        byte[] copy = text.clone();
        copy[random.nextInt(copy.length)] = someByte(random);
        return copy;
    }

    /** Inserts {@code "name":value,} after a '{' or ',', with a name taken from the text: often a duplicate. */
    private static byte[] duplicateMember(byte[] text, Random random) {
        String json = new String(text, StandardCharsets.ISO_8859_1);
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '{' || text[i] == ',') {
                positions.add(i + 1);
            }
        }
        if (names.isEmpty() || positions.isEmpty()) {
            return text;
        }
        String value = List.of("1", "\"admin\"", "[\"x\"]", "{}", "null", "2.5").get(random.nextInt(6));
        String member = "\"" + names.get(random.nextInt(names.size())) + "\":" + value + ",";
        return insert(text, positions.get(random.nextInt(positions.size())), member.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Wraps the value after a random ':' in brackets, or the whole text in objects, to approach the depth limit. */
    private static byte[] deepen(byte[] text, Random random) {
        int levels = 1 + random.nextInt(StrictJsonReader.MAX_DEPTH + 2);
        if (random.nextBoolean()) {
            byte[] open = "{\"d\":".repeat(levels).getBytes(StandardCharsets.US_ASCII);
            byte[] close = "}".repeat(levels).getBytes(StandardCharsets.US_ASCII);
            return insert(insert(text, text.length, close), 0, open);
        }
        int colon = indexOf(text, (byte) ':', random.nextInt(text.length + 1));
        if (colon < 0) {
            return text;
        }
        int end = colon + 1;
        while (end < text.length && text[end] != ',' && text[end] != '}') {
            end++;
        }
        byte[] closed = insert(text, end, "]".repeat(levels).getBytes(StandardCharsets.US_ASCII));
        return insert(closed, colon + 1, "[".repeat(levels).getBytes(StandardCharsets.US_ASCII));
    }

    private static int indexOf(byte[] text, byte b, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] insert(byte[] text, int at, byte[] bytes) {
        byte[] longer = new byte[text.length + bytes.length];
        System.arraycopy(text, 0, longer, 0, at);
        System.arraycopy(bytes, 0, longer, at, bytes.length);
        System.arraycopy(text, at, longer, at + bytes.length, text.length - at);
        return longer;
    }

    private static String failure(int iteration, byte[] text, String problem) {
        StringBuilder shown = new StringBuilder();
        for (byte b : text) {
            shown.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF));
        }
        return "seed " + SEED + ", iteration " + iteration + ": " + problem + "\ntext: " + shown;
    }
}
