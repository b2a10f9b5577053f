package dev.tessera.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiJsonParserTest {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    /** The JSON-P reader exactly as StrictJsonReader configures it. */
    private static final JsonReaderFactory JSON_P =
            PROVIDER.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private final AsciiJsonParser parser = new AsciiJsonParser(PROVIDER);

    @Test
    void readsValuesOfEveryType() {
        JsonObject object = assertReadAsJsonP(
                "{\"s\":\"text\",\"i\":42,\"d\":3.25,\"t\":true,\"f\":false,\"n\":null,\"o\":{\"k\":\"v\"},\"a\":[1,\"x\"]}");

        assertThat(object.getString("s")).isEqualTo("text");
        assertThat(object.getInt("i")).isEqualTo(42);
        assertThat(object.getJsonNumber("d").bigDecimalValue()).isEqualTo(new BigDecimal("3.25"));
        assertThat(object.getBoolean("t")).isTrue();
        assertThat(object.get("t")).isSameAs(JsonValue.TRUE);
        assertThat(object.get("f")).isSameAs(JsonValue.FALSE);
        assertThat(object.isNull("n")).isTrue();
        assertThat(object.get("n")).isSameAs(JsonValue.NULL);
        assertThat(object.getJsonObject("o").getString("k")).isEqualTo("v");
        assertThat(object.getJsonArray("a")).containsExactly(PROVIDER.createValue(1), PROVIDER.createValue("x"));
    }

    @Test
    void readsNestedStructuresInOrder() {
        JsonObject object = assertReadAsJsonP(
                "{\"realm_access\":{\"roles\":[\"user\",\"admin\"]},\"resource_access\":{\"api\":{\"roles\":[[],[{}]]}},\"z\":1,\"a\":2}");

        assertThat(object.keySet()).containsExactly("realm_access", "resource_access", "z", "a");
        assertThat(object.getJsonObject("resource_access").getJsonObject("api").getJsonArray("roles")).hasSize(2);
    }

    @ParameterizedTest(name = "empty structures: {0}")
    @ValueSource(strings = {"{}", "{\"o\":{}}", "{\"a\":[]}", "{\"a\":[[],{}]}", "{\"\":\"\"}"})
    void readsEmptyStructuresAndNames(String json) {
        assertReadAsJsonP(json);
    }

    @Test
    void allowsJsonWhitespaceEverywhereBetweenTokens() {
        JsonObject object = assertReadAsJsonP(" \t\r\n{ \"a\" : [ 1 , { \"b\" :\tnull } ] ,\n\"c\":\r\"d\" }\n ");

        assertThat(object.getJsonArray("a")).hasSize(2);
    }

    @ParameterizedTest(name = "number as JSON-P reads it: {0}")
    @ValueSource(strings = {"0", "-0", "7", "-1", "123456789", "-123456789", "1234567890", "2147483648",
            "-999999999999999999", "123456789012345678", "1740830700", "0.0", "-0.0", "3.25", "-0.5", "1.0", "1.00",
            "3.141592653589793", "0.000000000000000000000000000001", "-1234567890.12345678901234567890"})
    void readsNumbersAsJsonPDoes(String number) {
        JsonObject object = assertReadAsJsonP("{\"n\":" + number + "}");
        JsonNumber read = object.getJsonNumber("n");
        JsonNumber expected = readWithJsonP("{\"n\":" + number + "}").getJsonNumber("n");

        assertThat(read.bigDecimalValue()).isEqualTo(expected.bigDecimalValue()); // scale included
        assertThat(read.isIntegral()).isEqualTo(expected.isIntegral());
        assertThat(read.numberValue()).isEqualTo(expected.numberValue()).isExactlyInstanceOf(expected.numberValue().getClass());
        assertThat(read.toString()).isEqualTo(expected.toString());
    }

    @Test
    void decimalsOfDifferentScaleStayDifferent() {
        // JSON-P's JsonNumber.equals compares BigDecimals, scale included.
        assertThat(parse("{\"n\":1.0}")).isNotEqualTo(parse("{\"n\":1.00}")).isNotEqualTo(parse("{\"n\":1}"));
    }

    @ParameterizedTest(name = "number left to JSON-P: {0}")
    @ValueSource(strings = {"1e3", "1E3", "1e+3", "-2.5e-3", "1.0E400", "1234567890123456789", "-9223372036854775808",
            "99999999999999999999999999", "0.0000000000000000000000000000001", "-1234567890.123456789012345678901"})
    void exponentsAndLongNumbersAreLeftToJsonP(String number) {
        assertLeftToJsonP("{\"n\":" + number + "}");
    }

    @ParameterizedTest(name = "malformed number: {0}")
    @ValueSource(strings = {"01", "-01", "00", "-", "1.", ".5", "+1", "--1", "0x10", "1.2.3", "-.5", "1e", "NaN",
            "Infinity", "- 1", "1 2"})
    void malformedNumbersAreLeftToJsonP(String number) {
        assertLeftToJsonP("{\"n\":" + number + "}");
    }

    @Test
    void decodesEveryEscapeAsJsonPDoes() {
        JsonObject object = assertReadAsJsonP(
                "{\"iss\":\"https:\\/\\/idp.example\\/realms\\/a\",\"q\":\"\\\"\\\\\",\"c\":\"\\b\\f\\n\\r\\t\","
                        + "\"u\":\"Jos\\u00e9 \\u4E2D\\u0041\\u0000\\uffff\",\"\\u0061\\/b\":1}");

        assertThat(object.getString("iss")).isEqualTo("https://idp.example/realms/a");
        assertThat(object.getString("q")).isEqualTo("\"\\");
        assertThat(object.getString("c")).isEqualTo("\b\f\n\r\t");
        assertThat(object.getString("u")).isEqualTo("Jos\u00e9 \u4e2dA\u0000\uffff");
        assertThat(object.containsKey("a/b")).isTrue();
    }

    @ParameterizedTest(name = "string left to JSON-P: {0}")
    @ValueSource(strings = {"\\uD83D\\uDE00", "\\uD800", "\\uDFFF", "x\\uDC00y", "\\x", "\\u12", "\\u12G4", "\\U0041",
            "\\'", "\\", "\\u"})
    void surrogateEscapesAndInvalidEscapesAreLeftToJsonP(String content) {
        assertLeftToJsonP("{\"s\":\"" + content + "\"}");
        assertLeftToJsonP("{\"" + content + "\":1}");
    }

    @Test
    void controlCharactersDeleteAndNonAsciiBytesAreLeftToJsonP() {
        for (int b : new int[] {0x00, 0x01, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF}) {
            byte[] json = {'{', '"', 's', '"', ':', '"', 'a', (byte) b, '"', '}'};

            assertThat(parser.parse(json)).as("byte 0x%02X in a string", b).isNull();
        }
        assertThat(parser.parse("{\"s\":\"Jos\u00e9\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(parser.parse("{\"s\":1}\u00a0".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @ParameterizedTest(name = "duplicate names are left to JSON-P, which refuses them: {0}")
    @ValueSource(strings = {"{\"sub\":\"alice\",\"sub\":\"admin\"}", "{\"a\":1,\"b\":2,\"a\":1}",
            "{\"x\":{\"roles\":[\"user\"],\"roles\":[\"admin\"]}}", "{\"x\":[{\"k\":1,\"k\":1}]}",
            "{\"a\":1,\"\\u0061\":2}", "{\"a/\":1,\"a\\/\":2}", "{\"x\":{\"a\":1,\"\\u0061\":2}}",
            "{\"x\":[{\"o\":{\"a/\":1,\"a\\/\":2}}]}"})
    void duplicateNamesAreLeftToJsonP(String json) {
        assertLeftToJsonP(json);
        assertThatThrownBy(() -> readWithJsonP(json)).as("JSON-P refuses it").isInstanceOf(RuntimeException.class);
    }

    @Test
    void escapedNamesInNestedObjectsAreRead() {
        JsonObject object = assertReadAsJsonP("{\"s\":\"v\",\"x\":{\"a\\/b\":1,\"c\":{\"\\u0064\":[\"e\"]}}}");

        assertThat(object.getJsonObject("x").getJsonObject("c").getJsonArray("d")).containsExactly(PROVIDER.createValue("e"));
    }

    @Test
    void theSameNameInDifferentObjectsIsNoDuplicate() {
        assertReadAsJsonP("{\"roles\":[\"a\"],\"x\":{\"roles\":[\"b\"]},\"y\":[{\"roles\":1},{\"roles\":2}]}");
    }

    @ParameterizedTest(name = "content after the object is left to JSON-P: {0}")
    @ValueSource(strings = {"{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1},", "{\"a\":1}}", "{\"a\":1}]", "{\"a\":1} 1",
            "{\"a\":1}\u0000", "{\"a\":1}\u000b"})
    void trailingContentIsLeftToJsonP(String json) {
        assertLeftToJsonP(json);
    }

    @ParameterizedTest(name = "unterminated or malformed: {0}")
    @ValueSource(strings = {"", " ", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":[1", "{\"a\":[1,",
            "{\"a\":\"x", "{\"a\":{}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":1,}", "{\"a\":[1,]}", "{,}", "{:1}",
            "{a:1}", "{'a':1}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":truex}", "{\"a\":[1 2]}",
            "{\"a\":]}", "{\"a\":}", "[]", "\"s\"", "1", "null", "\ufeff{}", "{\"a\":1]", "{\"a\":[1}"})
    void anythingButOneCompleteObjectIsLeftToJsonP(String json) {
        assertLeftToJsonP(json);
    }

    @Test
    void nestingUpToTheLimitIsReadAndDeeperIsLeftToJsonP() {
        int inner = StrictJsonReader.MAX_DEPTH - 1; // the document object is one level

        assertReadAsJsonP("{\"x\":" + "[".repeat(inner) + "]".repeat(inner) + "}");
        assertReadAsJsonP("{\"x\":" + "{\"y\":".repeat(inner - 1) + "{}" + "}".repeat(inner - 1) + "}");
        assertLeftToJsonP("{\"x\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}");
        assertLeftToJsonP("{\"x\":" + "{\"y\":".repeat(inner) + "{}" + "}".repeat(inner) + "}");
        assertLeftToJsonP("{\"x\":" + "[".repeat(500_000));
    }

    @Test
    void namesWithTheSameHashCodeAreDifferentMembers() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        JsonObject object = assertReadAsJsonP("{\"Aa\":\"first\",\"BB\":\"second\"}");

        assertThat(object.getString("Aa")).isEqualTo("first");
        assertThat(object.getString("BB")).isEqualTo("second");
        assertThat(object.get("Ab")).isNull();
        assertLeftToJsonP("{\"Aa\":1,\"BB\":2,\"B\\u0042\":3}");
    }

    @Test
    void escapedAndPlainMembersOfTheOutermostObjectAreFoundByName() {
        JsonObject object = assertReadAsJsonP(
                "{\"plain\":\"v\",\"esc\\u0061ped\":\"w\\/x\",\"\":\"\",\"k\\\"q\":[\"\\u00e9\"]}");

        assertThat(object.keySet()).containsExactly("plain", "escaped", "", "k\"q");
        assertThat(object.getString("escaped")).isEqualTo("w/x");
        assertThat(object.getString("")).isEmpty();
        assertThat(object.containsKey("k\"q")).isTrue();
        assertThat(object.get(1)).isNull();
        assertThat(object.containsKey(null)).isFalse();
    }

    @Test
    void theTypeOfAMemberIsKnownAsJsonPKnowsIt() {
        String json = "{\"s\":\"v\",\"e\":\"\\/\",\"i\":1,\"d\":1.5,\"t\":true,\"f\":false,\"z\":null,"
                + "\"o\":{\"k\":[1]},\"a\":[\"x\"]}";
        JsonObject fast = parse(json);
        JsonObject jsonP = readWithJsonP(json);

        for (String name : jsonP.keySet()) {
            assertThat(TokenJsonObject.typeOf(fast, name)).as(name).isEqualTo(jsonP.get(name).getValueType());
            assertThat(TokenJsonObject.typeOf(jsonP, name)).as(name).isEqualTo(jsonP.get(name).getValueType());
        }
        assertThat(TokenJsonObject.typeOf(fast, "missing")).isNull();
        assertThat(TokenJsonObject.typeOf(jsonP, "missing")).isNull();
        assertThat(fast.getJsonObject("o")).isInstanceOf(TokenJsonObject.class).isEqualTo(jsonP.getJsonObject("o"));
        assertThat(TokenJsonObject.typeOf(fast.getJsonObject("o"), "k")).isEqualTo(JsonValue.ValueType.ARRAY);
    }

    @Test
    void anOutermostObjectOfManyMembersIsReadAndChecked() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 3 * TokenJsonObject.Members.MAX_SIZE; i++) {
            json.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":\"v").append(i).append('"');
        }
        JsonObject many = assertReadAsJsonP(json + "}");

        assertThat(many).hasSize(3 * TokenJsonObject.Members.MAX_SIZE);
        assertThat(many.getString("c150")).isEqualTo("v150");
        assertLeftToJsonP(json + ",\"c3\":1}");
        assertLeftToJsonP(json + ",\"c170\":1}");
        assertReadAsJsonP(json.substring(0, json.indexOf(",\"c" + TokenJsonObject.Members.MAX_SIZE + "\"")) + "}");
        assertReadAsJsonP("{\"nested\":" + json + "}}");
        assertLeftToJsonP("{\"nested\":" + json + ",\"c3\":1}}");
    }

    @Test
    void theObjectBehavesLikeJsonPsForEveryGetter() {
        String json = "{\"s\":\"v\",\"n\":7,\"t\":true,\"z\":null,\"o\":{\"k\":[1]},\"a\":[\"x\",2,false,null]}";
        JsonObject fast = parse(json);
        JsonObject jsonP = readWithJsonP(json);

        assertThat(fast).isEqualTo(jsonP).hasSameHashCodeAs(jsonP);
        assertThat(jsonP).isEqualTo(fast);
        assertThat(fast.toString()).isEqualTo(jsonP.toString()).isEqualTo(json);
        assertThat(fast.getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
        assertThat(fast.entrySet()).containsExactlyElementsOf(jsonP.entrySet());
        assertThat(fast.getString("missing", "default")).isEqualTo("default");
        assertThat(fast.getString("n", "default")).isEqualTo("default");
        assertThat(fast.getInt("n")).isEqualTo(7);
        assertThat(fast.getBoolean("s", true)).isTrue();
        assertThat(fast.containsKey("z")).isTrue();
        assertThat(fast.get("missing")).isNull();
        assertThat(fast.getJsonArray("missing")).isNull();
        assertThat(fast.getValue("/o/k/0")).isEqualTo(jsonP.getValue("/o/k/0"));
        assertSameFailure(() -> fast.getString("missing"), () -> jsonP.getString("missing"));
        assertSameFailure(() -> fast.getJsonArray("s"), () -> jsonP.getJsonArray("s"));
        assertSameFailure(() -> fast.getBoolean("s"), () -> jsonP.getBoolean("s"));
        assertSameFailure(() -> fast.isNull("missing"), () -> jsonP.isNull("missing"));

        JsonArray array = fast.getJsonArray("a");
        JsonArray expected = jsonP.getJsonArray("a");
        assertThat(array).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(array.getValuesAs(JsonValue.class)).isEqualTo(expected.getValuesAs(JsonValue.class));
        assertThat(array.getString(0)).isEqualTo("x");
        assertThat(array.getInt(1)).isEqualTo(2);
        assertThat(array.getBoolean(2)).isFalse();
        assertThat(array.isNull(3)).isTrue();
        assertThat(array.getString(1, "default")).isEqualTo("default");
        assertSameFailure(() -> array.getString(9), () -> expected.getString(9));
    }

    @Test
    void threadsReadingOneObjectGetItsValuesMadeOnceOrEqual() throws Exception {
        String json = "{\"iss\":\"https://idp.example/realms/a\",\"aud\":[\"api\",\"account\"],\"exp\":1740830700,"
                + "\"realm_access\":{\"roles\":[\"reader\",\"writer\"]},\"scope\":\"openid orders.read\",\"e\":\"\\/x\"}";
        JsonObject expected = readWithJsonP(json);
        List<String> names = List.copyOf(expected.keySet());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                JsonObject shared = parse(json);
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<Map<String, JsonValue>>> reads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int offset = t;
                    reads.add(threads.submit(() -> {
                        start.await();
                        Map<String, JsonValue> seen = new HashMap<>();
                        for (int i = 0; i < names.size(); i++) {
                            String name = names.get((i + offset) % names.size());
                            seen.put(name, shared.get(name));
                        }
                        return seen;
                    }));
                }
                for (Future<Map<String, JsonValue>> read : reads) {
                    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
                }
                for (String name : names) {
                    assertThat(shared.get(name)).as("made once, then kept").isSameAs(shared.get(name));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void equalsAnyMapOfEqualJsonValues() {
        JsonObject object = parse("{\"a\":\"b\",\"n\":1,\"l\":[true]}");
        JsonObject built = PROVIDER.createObjectBuilder()
                .add("l", PROVIDER.createArrayBuilder().add(true)).add("n", 1).add("a", "b").build();

        assertThat(object).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(object).isEqualTo(Map.of("a", PROVIDER.createValue("b"), "n", PROVIDER.createValue(1),
                "l", PROVIDER.createArrayBuilder().add(JsonValue.TRUE).build()));
        assertThat(object.getJsonArray("l")).isEqualTo(List.of(JsonValue.TRUE));
    }

    @Test
    void theObjectIsImmutable() {
        JsonObject object = parse("{\"a\":[1],\"o\":{}}");

        assertThatThrownBy(() -> object.put("b", JsonValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.getJsonArray("a").add(JsonValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.getJsonObject("o").put("b", JsonValue.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theLimitsDocumentIsReadByTheFastPathAndByJsonPAlike() {
        byte[] limits = StrictJsonReader.fastPathLimits();

        assertThat(parser.parse(limits)).isNotNull().isEqualTo(readWithJsonP(new String(limits, StandardCharsets.US_ASCII)));
    }

    private JsonObject parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses on the fast path and checks the result against JSON-P's for the same text. */
    private JsonObject assertReadAsJsonP(String json) {
        JsonObject fast = parse(json);
        JsonObject expected = readWithJsonP(json);

        assertThat(fast).as("fast path result for %s", json).isNotNull().isEqualTo(expected);
        assertThat(fast.hashCode()).isEqualTo(expected.hashCode());
        assertThat(fast.toString()).isEqualTo(expected.toString());
        return fast;
    }

    private void assertLeftToJsonP(String json) {
        assertThat(parse(json)).as("fast path result for %s", json).isNull();
    }

    private static JsonObject readWithJsonP(String json) {
        try (JsonReader reader = JSON_P.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static void assertSameFailure(Runnable fast, Runnable jsonP) {
        Class<? extends Throwable> expected = failureOf(jsonP);

        assertThat(expected).as("JSON-P fails").isNotNull();
        assertThat(failureOf(fast)).isEqualTo(expected);
    }

    private static Class<? extends Throwable> failureOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
