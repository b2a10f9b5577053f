package dev.tessera.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonReaderTest {

    private final StrictJsonReader reader = new StrictJsonReader(JsonProvider.provider());

    @Test
    void theJsonProviderRefusesDuplicateNamesWithKeyStrategyNone() {
        // The verifier relies on this JSON-P 2.1 setting; Parsson (Open Liberty's JSON-P) must honour it.
        JsonReaderFactory factory = JsonProvider.provider()
                .createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

        try (JsonReader duplicates = factory.createReader(new StringReader("{\"sub\":\"alice\",\"sub\":\"admin\"}"))) {
            assertThatThrownBy(duplicates::readObject).isInstanceOf(JsonParsingException.class);
        }
        try (JsonReader nested = factory.createReader(new StringReader("{\"a\":{\"x\":1,\"x\":2}}"))) {
            assertThatThrownBy(nested::readObject).isInstanceOf(JsonParsingException.class);
        }
    }

    @Test
    void aProviderThatAcceptsDuplicatesCannotBeUsed() {
        JsonProvider lenient = new ForwardingJsonProvider(JsonProvider.provider()) {
            @Override
            public JsonReaderFactory createReaderFactory(Map<String, ?> config) {
                return super.createReaderFactory(Map.of());
            }
        };

        assertThatThrownBy(() -> new StrictJsonReader(lenient)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsAnObject() throws Exception {
        JsonObject object = read(" {\"a\":[1,{\"b\":\"}]\\\"{[\"}],\"c\":\"\u00e9\u4e2d\"}\r\n");

        assertThat(object.getJsonArray("a")).hasSize(2);
        assertThat(object.getString("c")).isEqualTo("\u00e9\u4e2d");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertRefused("{\"sub\":\"alice\",\"sub\":\"admin\"}");
        assertRefused("{\"a\":{\"roles\":[\"user\"],\"roles\":[\"admin\"]}}");
    }

    @ParameterizedTest(name = "content after the object is refused: {0}")
    @ValueSource(strings = {"{\"a\":1}xyz", "{\"a\":1}{}", "{\"a\":1}{\"a\":2}", "{\"a\":1},", "{\"a\":1}\u0000"})
    void contentAfterTheObjectIsRefused(String json) {
        assertRefused(json);
    }

    @ParameterizedTest(name = "not an object is refused: {0}")
    @ValueSource(strings = {"", " ", "[1]", "\"s\"", "1", "null", "true", "{", "{\"a\":", "\ufeff{}", "{'a':1}", "{a:1}"})
    void anythingButAnObjectIsRefused(String json) {
        assertRefused(json);
    }

    @Test
    void nestingUpToTheLimitIsReadAndDeeperIsRefused() throws Exception {
        int inner = StrictJsonReader.MAX_DEPTH - 1; // the object itself is one level

        assertThat(read("{\"x\":" + "[".repeat(inner) + "]".repeat(inner) + "}")).containsKey("x");
        assertRefused("{\"x\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}");
        assertRefused("{\"x\":" + "{\"y\":".repeat(inner + 1) + "1" + "}".repeat(inner + 1) + "}");
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() throws Exception {
        String brackets = "[{".repeat(100);

        assertThat(read("{\"x\":\"" + brackets + "\",\"y\":\"\\\"" + brackets + "\"}").getString("x")).isEqualTo(brackets);
    }

    @Test
    void nestingThatWouldOverflowARecursiveParserIsRefused() {
        assertRefused("{\"x\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}");
        assertRefused("{\"x\":" + "[".repeat(500_000));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xE4, (byte) 0xB8, '"', '}'};
        byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};

        for (byte[] bytes : new byte[][] {overlong, truncated, surrogate}) {
            assertThatThrownBy(() -> reader.readObject(bytes)).isExactlyInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void hugeNumbersAreReadOrRefusedButNeverThrowOtherExceptions() throws Exception {
        assertThat(read("{\"exp\":1e400}").getJsonNumber("exp").bigDecimalValue().scale()).isEqualTo(-400);
        assertRefused("{\"exp\":" + "9".repeat(5000) + "}");
    }

    @Test
    void controlCharactersInStringsAreRefused() {
        assertRefused("{\"a\":\"x\u0001\"}");
    }

    // The streaming read of claims (readClaims): as strict as readObject, and the same object in the end.

    private static final Set<String> READ_NOW = Set.of("iss", "aud", "exp", "nbf", "iat", "realm_access");

    private static final String KEYCLOAK_LIKE = "{\"exp\":1764883200,\"iat\":1764879600.5,\"jti\":\"0b7c\","
            + "\"iss\":\"https://idp.example/realms/a\",\"aud\":[\"orders\",\"account\"],\"sub\":\"f:1\","
            + "\"typ\":\"Bearer\",\"realm_access\":{\"roles\":[\"user\",\"offline_access\"]},"
            + "\"resource_access\":{\"orders\":{\"roles\":[\"read\"]}},\"email_verified\":true,\"admin\":false,"
            + "\"acr\":null,\"name\":\"Ren\u00e9e \\\"R\\\" \u4e2d\",\"n\":[1,-2.5e3,{\"k\":[]}],\"big\":1e400}";

    @Test
    void claimsReadByTheStreamingParserAreTheObjectTheReaderReads() throws Exception {
        JsonObject eager = read(KEYCLOAK_LIKE);
        JsonObject lazy = reader.readClaims(bytes(KEYCLOAK_LIKE), READ_NOW);

        for (String name : READ_NOW) {
            assertThat(lazy.get(name)).as(name).isEqualTo(eager.get(name));
        }
        assertThat(lazy).isEqualTo(eager);
        assertThat(eager).isEqualTo(lazy);
        assertThat(List.copyOf(lazy.keySet())).isEqualTo(List.copyOf(eager.keySet()));
        assertThat(lazy.toString()).isEqualTo(eager.toString());
        assertThat(lazy.hashCode()).isEqualTo(eager.hashCode());
        for (String name : READ_NOW) { // now from the whole object
            assertThat(lazy.get(name)).as(name).isEqualTo(eager.get(name));
            assertThat(lazy.containsKey(name)).as(name).isEqualTo(eager.containsKey(name));
        }
    }

    @Test
    void theWholeClaimsAreReadOnlyWhenAClaimNotReadNowIsAskedFor() throws Exception {
        AtomicInteger readers = new AtomicInteger();
        JsonProvider counting = new ForwardingJsonProvider(JsonProvider.provider()) {
            @Override
            public JsonReaderFactory createReaderFactory(Map<String, ?> config) {
                JsonReaderFactory factory = super.createReaderFactory(config);
                return new JsonReaderFactory() {
                    @Override
                    public JsonReader createReader(java.io.Reader in) {
                        readers.incrementAndGet();
                        return factory.createReader(in);
                    }

                    @Override
                    public JsonReader createReader(java.io.InputStream in) {
                        readers.incrementAndGet();
                        return factory.createReader(in);
                    }

                    @Override
                    public JsonReader createReader(java.io.InputStream in, java.nio.charset.Charset charset) {
                        readers.incrementAndGet();
                        return factory.createReader(in, charset);
                    }

                    @Override
                    public Map<String, ?> getConfigInUse() {
                        return factory.getConfigInUse();
                    }
                };
            }
        };
        StrictJsonReader strict = new StrictJsonReader(counting);
        readers.set(0); // the constructor's own check

        JsonObject claims = strict.readClaims(bytes(KEYCLOAK_LIKE), READ_NOW);
        assertThat(claims.getJsonArray("aud")).hasSize(2);
        assertThat(claims.containsKey("nbf")).isFalse();
        assertThat(readers).hasValue(0);

        assertThat(claims.getString("name")).isEqualTo("Ren\u00e9e \"R\" \u4e2d");
        assertThat(claims.containsKey("sub")).isTrue();
        assertThat(claims.keySet()).hasSize(15);
        assertThat(readers).hasValue(1);
    }

    @ParameterizedTest(name = "the streaming read refuses what the reader refuses: {0}")
    @ValueSource(strings = {
        "{\"iss\":\"a\",\"iss\":\"b\"}", // a repeated claim that is read now
        "{\"sub\":\"alice\",\"sub\":\"admin\"}", // a repeated claim that is not
        "{\"realm_access\":{\"roles\":[\"user\"],\"roles\":[\"admin\"]}}", // repeated inside a claim read now
        "{\"resource_access\":{\"x\":{\"roles\":[],\"roles\":[]}}}", // ... and inside one that is not
        "{\"n\":[{\"a\":1,\"a\":1}]}", "{\"aud\":[{\"a\":1,\"a\":1}]}", // ... and in arrays
        "{\"a\":1}xyz", "{\"a\":1}{}", "{\"a\":1}{\"a\":2}", "{\"a\":1},", "{\"a\":1}\u0000", "{\"a\":1}]", "{\"a\":1} 1",
        "", " ", "[1]", "\"s\"", "1", "null", "{", "{\"a\":", "\ufeff{}", "{'a':1}", "{a:1}", "{\"a\":1,}",
        "{\"a\" 1}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":\"x\u0001\"}",
        "{\"a\":\"\\q\"}"})
    void theStreamingReadRefusesWhatTheReaderRefuses(String json) {
        assertRefused(json);
        assertThatThrownBy(() -> reader.readClaims(bytes(json), READ_NOW)).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void theStreamingReadTakesNestingUpToTheLimitAndRefusesDeeper() throws Exception {
        int inner = StrictJsonReader.MAX_DEPTH - 1; // the object itself is one level
        String atTheLimit = "{\"x\":" + "[".repeat(inner) + "]".repeat(inner) + ",\"aud\":" + "[".repeat(inner) + "]".repeat(inner) + "}";

        assertThat(reader.readClaims(bytes(atTheLimit), READ_NOW)).isEqualTo(read(atTheLimit));
        for (String deeper : List.of("{\"x\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}",
                "{\"aud\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}",
                "{\"x\":" + "{\"y\":".repeat(inner + 1) + "1" + "}".repeat(inner + 1) + "}",
                "{\"x\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}", "{\"x\":" + "[".repeat(500_000))) {
            assertThatThrownBy(() -> reader.readClaims(bytes(deeper), READ_NOW)).isExactlyInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void theStreamingReadRefusesInvalidUtf8() {
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xE4, (byte) 0xB8, '"', '}'};

        for (byte[] refused : new byte[][] {overlong, truncated}) {
            assertThatThrownBy(() -> reader.readClaims(refused, READ_NOW)).isExactlyInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void anOverlongNumberIsRefusedEvenInAClaimNotReadNow() {
        // Else a token would verify whose whole claims the reader then refuses.
        String overlong = "{\"n\":" + "9".repeat(5000) + "}";

        assertRefused(overlong);
        assertThatThrownBy(() -> reader.readClaims(bytes(overlong), READ_NOW)).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @ParameterizedTest(name = "a bad NumericDate is refused: {0}")
    @ValueSource(strings = {"\"1764883200\"", "-1", "1e400", "253402300800", "true", "null", "{}", "[1]"})
    void badNumericDatesReadByTheStreamingParserAreRefused(String date) {
        for (String name : List.of("exp", "nbf", "iat")) {
            String json = name.equals("exp") ? "{\"exp\":" + date + "}" : "{\"exp\":1764883200,\"" + name + "\":" + date + "}";
            assertThatThrownBy(() -> TokenClaims.read(reader.readClaims(bytes(json), READ_NOW)))
                    .as(json).isExactlyInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void theAudienceReadByTheStreamingParserIsAStringOrAnArrayOfStrings() throws Exception {
        assertThat(claims("{\"exp\":1,\"aud\":\"orders\"}").audience()).containsExactly("orders");
        assertThat(claims("{\"exp\":1,\"aud\":[\"orders\",\"account\"]}").audience()).containsExactly("orders", "account");
        assertThatThrownBy(() -> claims("{\"exp\":1,\"aud\":[\"orders\",1]}")).isExactlyInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> claims("{\"exp\":1,\"aud\":{}}")).isExactlyInstanceOf(InvalidTokenException.class);
    }

    // Differential: on a corpus of valid and invalid claims, the streaming read, the strict reader and the platform's
    // JSON-P reader (KEY_STRATEGY NONE, which alone ignores content after the object, decodes invalid UTF-8 leniently
    // and nests 1,000 deep) accept and refuse alike and read the same values.

    @Test
    void theStreamingReadTheStrictReaderAndThePlatformsReaderAgreeOnAGeneratedCorpus() throws Exception {
        Random random = new Random(20261205);
        int accepted = 0;
        for (int i = 0; i < 4_000; i++) {
            String json = generatedObject(random);
            byte[] bytes = bytes(i % 2 == 0 ? json : mutated(random, json));
            if (i % 25 == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            JsonObject platform = platformRead(bytes);
            JsonObject strict = readOrNull(() -> reader.readObject(bytes));
            JsonObject streamed = readOrNull(() -> reader.readClaims(bytes, READ_NOW));
            String shown = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(strict == null).as("strict reader, %s", shown).isEqualTo(platform == null);
            assertThat(streamed == null).as("streaming read, %s", shown).isEqualTo(platform == null);
            if (platform != null) {
                accepted++;
                for (String name : READ_NOW) {
                    assertThat(streamed.get(name)).as("%s in %s", name, shown).isEqualTo(platform.get(name));
                }
                assertThat(streamed).as(shown).isEqualTo(platform).isEqualTo(strict);
            }
        }
        assertThat(accepted).as("the corpus holds accepted claims too").isBetween(1_000, 3_000);
    }

    @Test
    void repeatedNamesAreRefusedAtEveryDepthInObjectsAndArrays() {
        for (int depth = 1; depth <= StrictJsonReader.MAX_DEPTH; depth++) {
            String repeated = "{\"x\":1,\"y\":0,\"x\":2}";
            String inObjects = "{\"x\":".repeat(depth - 1) + repeated + "}".repeat(depth - 1);
            String inArrays = depth == 1 ? repeated : "{\"x\":" + "[".repeat(depth - 2) + repeated + "]".repeat(depth - 2) + "}";
            for (String json : List.of(inObjects, inArrays)) {
                assertRefused(json);
                assertThatThrownBy(() -> reader.readClaims(bytes(json), READ_NOW)).as(json)
                        .isExactlyInstanceOf(InvalidTokenException.class);
                assertThat(platformRead(bytes(json))).as(json).isNull();
            }
        }
    }

    @Test
    void repeatedNamesAreRefusedAmongManyNamesAndAmongNamesSharingAHashCode() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("claim" + i);
        }
        List<String> sharingAHashCode = new ArrayList<>(); // "Aa" and "BB" share a hash code, so do all 64 of these
        for (int i = 0; i < 64; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 0; bit < 6; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            sharingAHashCode.add(name.toString());
        }
        assertThat(sharingAHashCode.stream().map(String::hashCode).distinct()).hasSize(1);
        for (List<String> names : List.of(many, sharingAHashCode)) {
            String distinct = object(names, 0, 0);
            assertThat(reader.readClaims(bytes(distinct), READ_NOW).keySet()).hasSize(names.size());
            assertThat(read(distinct)).hasSize(names.size());
            // the repeat among the first names, across the switch to the hash set, and among the later names
            for (int[] repeat : new int[][] {{3, 20}, {5, 40}, {40, 60}, {0, names.size() - 1}}) {
                String repeated = object(names, repeat[0], repeat[1]);
                assertRefused(repeated);
                assertThatThrownBy(() -> reader.readClaims(bytes(repeated), READ_NOW)).as(repeated)
                        .isExactlyInstanceOf(InvalidTokenException.class);
                String nested = "{\"x\":" + repeated + "}";
                assertThatThrownBy(() -> reader.readClaims(bytes(nested), READ_NOW)).as(nested)
                        .isExactlyInstanceOf(InvalidTokenException.class);
            }
        }
    }

    /** An object of the names, in order; the name at {@code at} replaced by the one at {@code from} when they differ. */
    private static String object(List<String> names, int from, int at) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"').append(names.get(i == at ? from : i)).append("\":").append(i);
        }
        return text.append('}').toString();
    }

    @Test
    void escapedLoneSurrogatesAreReadAlikeByBothPathsAndKeptAsTheyAre() throws Exception {
        // RFC 8259 §8.2 allows them; they only come from a signed token, and a name holding one matches no other name
        String json = "{\"sub\":\"admin\\ud800\",\"iss\":\"\\udfff\",\"x\":\"\\ud83d\\ude00\"}";
        JsonObject streamed = reader.readClaims(bytes(json), READ_NOW);
        assertThat(streamed.getString("iss")).isEqualTo("\udfff");
        assertThat(streamed.getString("sub")).isEqualTo("admin\ud800").isNotEqualTo("admin");
        assertThat(streamed).isEqualTo(read(json));
    }

    @Test
    void aVeryLongStringIsReadWithoutRecursionOrLimit() throws Exception {
        String longText = "a\\\"".repeat(300_000);
        String json = "{\"x\":\"" + longText + "\",\"iss\":\"" + longText + "\"}";
        assertThat(reader.readClaims(bytes(json), READ_NOW).getString("iss")).hasSize(600_000);
        assertThat(read(json).getString("x")).hasSize(600_000);
    }

    @ParameterizedTest(name = "an absurd but well-formed NumericDate is refused cheaply or read as whole seconds: {0}")
    @ValueSource(strings = {"1e1000000000", "-1e-400", "-0.5", "1E+20"})
    void absurdNumericDatesAreRefused(String date) {
        String json = "{\"exp\":" + date + "}";
        assertThatThrownBy(() -> TokenClaims.read(reader.readClaims(bytes(json), READ_NOW))).as(json)
                .isExactlyInstanceOf(InvalidTokenException.class).hasMessage("exp is out of range");
    }

    @Test
    void fractionalAndVanishinglySmallNumericDatesAreReadAsWholeSeconds() throws Exception {
        assertThat(claims("{\"exp\":1764883200.999}").expiresAt().getEpochSecond()).isEqualTo(1764883200L);
        assertThat(claims("{\"exp\":1e-1000000000}").expiresAt().getEpochSecond()).isZero();
        assertThat(claims("{\"exp\":-0}").expiresAt().getEpochSecond()).isZero();
    }

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory PLATFORM = PROVIDER
            .createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    /**
     * The platform's strict reading, or {@code null}: strict UTF-8, then the JSON-P reader; the parser walked over the
     * whole text for what the reader does not check (content after the object) and Tessera's depth limit.
     */
    private static JsonObject platformRead(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
        try (JsonReader json = PLATFORM.createReader(new StringReader(text));
                JsonParser parser = PROVIDER.createParser(new StringReader(text))) {
            JsonObject object = json.readObject();
            int depth = 0;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    depth++;
                    if (depth > StrictJsonReader.MAX_DEPTH) {
                        return null;
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
            return object;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private interface Read {
        JsonObject read() throws InvalidTokenException;
    }

    private static JsonObject readOrNull(Read read) {
        try {
            JsonObject object = read.read();
            object.entrySet(); // the whole object: a lazy one must read it without a surprise
            return object;
        } catch (InvalidTokenException e) {
            return null;
        }
    }

    private static final String[] NAMES = {"\"iss\"", "\"aud\"", "\"exp\"", "\"sub\"", "\"x\"", "\"\\u0069ss\"", "\"\""};
    private static final String[] SCALARS = {"1", "0", "-1", "1.5e3", "1e400", "1E-400", "123456789012345678901234567890",
        "true", "false", "null", "\"s\"", "\"\\\"}\"", "\"\\u00e9\"", "\"\\ud800\"", "\"\u4e2d\"", "\"a\\/b\"", "-0.0"};
    private static final String[] INSERTS = {"\"iss\"", "1", "1e400", "{", "}", "[", "]", ",", ":", " ", "\"", "\\", "\u00ff",
        "01", "\t", "\u0000", "\ufeff", "\"\\ud800\""};

    /** An object of up to four members, nested up to 18 deep, with repeated names now and then. */
    private static String generatedObject(Random random) {
        return generated(random, 0, true);
    }

    private static String generated(Random random, int depth, boolean object) {
        if (object || depth < 18 && random.nextInt(4) == 0) {
            StringBuilder text = new StringBuilder("{");
            for (int i = random.nextInt(4); i > 0; i--) {
                text.append(NAMES[random.nextInt(NAMES.length)]).append(':').append(generated(random, depth + 1, false))
                        .append(i > 1 ? "," : "");
            }
            return text.append('}').toString();
        }
        if (depth < 18 && random.nextInt(4) == 0) {
            StringBuilder text = new StringBuilder("[");
            for (int i = random.nextInt(4); i > 0; i--) {
                text.append(generated(random, depth + 1, false)).append(i > 1 ? "," : "");
            }
            return text.append(']').toString();
        }
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    /** One to three insertions, deletions or replacements of JSON-significant text. */
    private static String mutated(Random random, String json) {
        StringBuilder text = new StringBuilder(json);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int at = random.nextInt(text.length() + 1);
            String insert = INSERTS[random.nextInt(INSERTS.length)];
            switch (text.length() == 0 ? 0 : random.nextInt(3)) {
                case 0 -> text.insert(at, insert);
                case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
                default -> text.setCharAt(Math.min(at, text.length() - 1), insert.charAt(0));
            }
        }
        return text.toString();
    }

    private TokenClaims claims(String json) throws InvalidTokenException {
        return TokenClaims.read(reader.readClaims(bytes(json), READ_NOW));
    }

    private JsonObject read(String json) throws InvalidTokenException {
        return reader.readObject(bytes(json));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(String json) {
        assertThatThrownBy(() -> read(json)).isExactlyInstanceOf(InvalidTokenException.class);
    }
}
