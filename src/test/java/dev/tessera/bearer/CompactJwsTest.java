package dev.tessera.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJwsTest {

    private static final int MAX = 8192;

    @Test
    void decodesEveryLengthLikeTheJdkDecoder() throws Exception {
        Random random = new Random(42);
        for (int length = 0; length <= 64; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = TokenForge.b64(bytes);

            CompactJws jws = CompactJws.parse(encoded + "." + encoded + ".AA", MAX);

            assertThat(jws.header()).isEqualTo(bytes);
            assertThat(jws.payload()).isEqualTo(Base64.getUrlDecoder().decode(encoded));
        }
    }

    @Test
    void signingInputIsTheReceivedTextUpToTheSecondDot() throws Exception {
        String token = "eyJhIjoxfQ.eyJiIjoyfQ.c2ln";
        CompactJws jws = CompactJws.parse(token, MAX);

        assertThat(new String(jws.ascii(), 0, jws.signingInputLength(), StandardCharsets.US_ASCII))
                .isEqualTo("eyJhIjoxfQ.eyJiIjoyfQ");
        assertThat(jws.signature()).isEqualTo("sig".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "non-canonical or malformed part is refused: {0}")
    @ValueSource(strings = {
            "eyJhIjoxfQ==.e30.c2ln", // padding
            "eyJhIjoxfQ.e30.c2k=", // padding after an otherwise canonical part
            "eyJhIjoxfQ.e3=0.c2ln", // '=' inside a part
            "eyJhIjoxfQ.e30.c2ln=", // padding on the signature
            "eyJhIjoxfR.e30.c2ln", // 'R' leaves non-zero unused bits where 'Q' does not
            "eyJhIjoxfQ.e31.c2ln", // '1' leaves non-zero unused bits
            "eyJhIjoxfQ.e30.c2l", // 3 characters -> 2 bytes; 'l' sets one of the 2 unused bits ('k' would not)
            "eyJhIjoxfQ.e30.c2m",
            "eyJhIjoxfQ.e30.A", // length 1 mod 4
            "eyJhIjoxfQ.e30.AAAAA",
            "eyJhIjoxfQ.e30.ab+/", // standard alphabet
            "eyJhIjoxfQ.e30.", // no signature
            "eyJhIjoxfQ.e30", // two parts
            "eyJhIjoxfQ", // one part
            "eyJhIjoxfQ.e30.c2ln.c2ln", // four parts
            "eyJhIjoxfQ.e30.c2ln.c2ln.c2ln.c2ln", // six parts
            "eyJhIjoxfQ.e30.c2l n", // whitespace
            "eyJhIjoxfQ.e30.c2ln\n",
            "eyJhIjoxfQ.e30.c2\u00e9n", // non-ASCII
            "eyJhIjoxfQ.e30.c2l\u0000",
    })
    void malformedCompactSerializationIsRefused(String token) {
        assertThatThrownBy(() -> CompactJws.parse(token, MAX)).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aCharacterOutsideBase64UrlIsRefusedAtEveryPositionOfALongPart() {
        // long parts are decoded in blocks (by an intrinsic on some CPUs): a bad character inside a block counts too
        for (char bad : new char[] {'+', '/', '=', ' ', '\u00e9', '\u0000'}) {
            for (int position = 0; position < 256; position++) {
                char[] payload = "A".repeat(256).toCharArray();
                payload[position] = bad;
                String token = "eyJhIjoxfQ." + new String(payload) + ".c2ln";
                assertThatThrownBy(() -> CompactJws.parse(token, MAX)).isExactlyInstanceOf(InvalidTokenException.class);
            }
        }
    }

    @Test
    void canonicalThreeCharacterPartIsRead() throws Exception {
        assertThat(CompactJws.parse("eyJhIjoxfQ.e30.c2k", MAX).signature()).isEqualTo(Base64.getUrlDecoder().decode("c2k"));
    }

    @Test
    void fivePartsAreRefusedAsJwe() {
        assertThatThrownBy(() -> CompactJws.parse("eyJhIjoxfQ.AA.AA.AA.AA", MAX))
                .isExactlyInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("JWE");
    }

    @Test
    void tooLongIsRefusedBeforeLookingAtTheCharacters() {
        assertThatThrownBy(() -> CompactJws.parse("!".repeat(MAX + 1), MAX))
                .isExactlyInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("longer");
    }

    @Test
    void nullAndEmptyAreRefused() {
        assertThatThrownBy(() -> CompactJws.parse(null, MAX)).isExactlyInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> CompactJws.parse("", MAX)).isExactlyInstanceOf(InvalidTokenException.class);
    }
}
