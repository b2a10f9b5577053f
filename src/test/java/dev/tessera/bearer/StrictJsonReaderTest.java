package dev.tessera.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
