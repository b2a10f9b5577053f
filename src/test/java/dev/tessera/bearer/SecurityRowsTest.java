package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.AUDIENCE;
import static dev.tessera.bearer.Fixture.ISSUER;
import static dev.tessera.bearer.Fixture.NOW_SECONDS;
import static dev.tessera.bearer.Fixture.OTHER_ISSUER;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.rsaHeader;
import static dev.tessera.bearer.Fixture.settings;
import static dev.tessera.bearer.TestKeys.signingKey;
import static dev.tessera.bearer.TokenForge.b64;
import static dev.tessera.bearer.TokenForge.sign;
import static dev.tessera.bearer.TokenForge.signEncoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.SigningKey;
import dev.tessera.issuer.TrustedIssuers;
import dev.tessera.testing.Patience;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One or more real attacks for each row of the threat model (docs/threat-model.md) that concerns the verifier (rows 1-15 and 18-20;
 * rows 16-17 are key-source behaviour, of which the verifier's part is tested here too). Every refusal must
 * be an {@link InvalidTokenException} without a stack trace and without token data in its message.
 */
class SecurityRowsTest {

    private static final SigningKey RSA_KEY = signingKey("rsa-1", TestKeys.RSA_1);
    private static final SigningKey EC_KEY = signingKey("ec-1", TestKeys.EC_P256);
    private static final SigningKey ED_KEY = signingKey("ed-1", TestKeys.ED25519);

    /** Stands in for any URL an attacker puts into {@code jku} or {@code x5u}; counts every request. */
    private static HttpServer attackerServer;
    private static final AtomicInteger attackerRequests = new AtomicInteger();

    private FixedKeySource keys;
    private TokenVerifier verifier;

    @BeforeAll
    static void startAttackerServer() throws IOException {
        attackerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attackerServer.createContext("/", exchange -> {
            attackerRequests.incrementAndGet();
            byte[] body = ("{\"keys\":[" + rsaJwk(TestKeys.ATTACKER_RSA) + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attackerServer.start();
    }

    @AfterAll
    static void stopAttackerServer() {
        attackerServer.stop(0);
    }

    @BeforeEach
    void trustOneIssuerWithRsaEcAndEdKeys() {
        keys = new FixedKeySource(RSA_KEY, EC_KEY, ED_KEY);
        verifier = Fixture.verifier(settings(), keys);
    }

    @Test
    @DisplayName("control: a well-formed RS256 token from the trusted issuer verifies")
    void wellFormedTokenVerifies() throws Exception {
        VerifiedToken token = verifier.verify(validToken());

        assertThat(token.getName()).isEqualTo("alice");
        assertThat(token.getIssuer()).isEqualTo(ISSUER);
    }

    // ---------------------------------------------------------------- row 1

    @ParameterizedTest(name = "row 1: alg {0} is refused, with or without a signature")
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void row1AlgNoneIsRefused(String alg) {
        String unsigned = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(claims().json()) + ".";
        String withSignature = b64("{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\"}") + "." + b64(claims().json()) + "."
                + b64(new byte[256]);
        String withRealSignature = sign("RS256", TestKeys.RSA_1.getPrivate(),
                "{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\"}", claims().json());

        assertRefused(unsigned);
        assertRefused(withSignature);
        assertRefused(withRealSignature);
        assertThat(keys.lookups()).as("refused from the header alone").isZero();
    }

    @Test
    @DisplayName("row 1: an algorithm that is not in the allow-list is refused even if the key would verify it")
    void row1AlgOutsideTheAllowListIsRefused() {
        TokenVerifier rs256Only = Fixture.verifier(settings().algorithms("RS256"), keys);
        String ps256 = sign("PS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"PS256\",\"kid\":\"rsa-1\"}", claims().json());
        String lowerCase = sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"rs256\",\"kid\":\"rsa-1\"}", claims().json());

        assertRefused(rs256Only, ps256);
        assertRefused(lowerCase);
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"kid\":\"rsa-1\"}", claims().json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":[\"RS256\"],\"kid\":\"rsa-1\"}", claims().json()));
    }

    // ---------------------------------------------------------------- row 2

    @Test
    @DisplayName("row 2: HS256 keyed with the issuer's RSA public key (DER, PEM text, JWK n) is refused")
    void row2HmacWithThePublicKeyIsRefused() {
        RSAPublicKey publicKey = (RSAPublicKey) TestKeys.RSA_1.getPublic();
        byte[] der = publicKey.getEncoded();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] modulus = unsigned(publicKey.getModulus());
        byte[] jwkN = b64(modulus).getBytes(StandardCharsets.US_ASCII);
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}";

        for (byte[] secret : List.of(der, pem, modulus, jwkN)) {
            assertRefused(TokenForge.hs256(secret, header, claims().json()));
        }
        assertThat(keys.lookups()).as("symmetric algorithms never reach the key source").isZero();
    }

    @Test
    @DisplayName("row 2: symmetric algorithms cannot even be configured")
    void row2SymmetricAlgorithmsCannotBeConfigured() {
        for (String alg : List.of("HS256", "HS384", "HS512", "none")) {
            assertThatThrownBy(() -> settings().algorithms("RS256", alg).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---------------------------------------------------------------- row 3

    @Test
    @DisplayName("row 3: an ES256 signature of zero bytes (r = s = 0) is refused (CVE-2022-21449)")
    void row3Es256ZeroSignatureIsRefused() {
        String input = b64("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") + "." + b64(claims().json());

        assertRefused(input + "." + b64(new byte[64]));
    }

    @Test
    @DisplayName("row 3: an ES256 signature with r = s = n, or r or s out of range, is refused")
    void row3Es256SignatureWithOrderIsRefused() {
        byte[] n = fixed(((ECPublicKey) TestKeys.EC_P256.getPublic()).getParams().getOrder(), 32);
        String input = b64("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") + "." + b64(claims().json());
        byte[] valid = TokenForge.signature("ES256", TestKeys.EC_P256.getPrivate(), input.getBytes(StandardCharsets.US_ASCII));
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xFF);

        assertRefused(input + "." + b64(concat(n, n)));
        assertRefused(input + "." + b64(concat(Arrays.copyOf(valid, 32), n)));
        assertRefused(input + "." + b64(concat(n, Arrays.copyOfRange(valid, 32, 64))));
        assertRefused(input + "." + b64(concat(new byte[32], Arrays.copyOfRange(valid, 32, 64))));
        assertRefused(input + "." + b64(concat(ff, ff)));
    }

    @Test
    @DisplayName("row 3: ES256 signatures of the wrong length (DER, truncated, padded) are refused")
    void row3Es256SignatureOfWrongLengthIsRefused() throws Exception {
        String input = b64("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") + "." + b64(claims().json());
        byte[] inputBytes = input.getBytes(StandardCharsets.US_ASCII);
        byte[] p1363 = TokenForge.signature("ES256", TestKeys.EC_P256.getPrivate(), inputBytes);
        byte[] der = TokenForge.jcaSignature(java.security.Signature.getInstance("SHA256withECDSA"),
                TestKeys.EC_P256.getPrivate(), inputBytes);

        assertThat(verifier.verify(input + "." + b64(p1363)).getName()).as("control").isEqualTo("alice");
        assertRefused(input + "." + b64(der));
        assertRefused(input + "." + b64(Arrays.copyOf(p1363, 63)));
        assertRefused(input + "." + b64(Arrays.copyOf(p1363, 65)));
        assertRefused(input + "." + b64(concat(new byte[] {0}, Arrays.copyOf(p1363, 32), new byte[] {0},
                Arrays.copyOfRange(p1363, 32, 64))));
    }

    // ---------------------------------------------------------------- row 4

    @Test
    @DisplayName("row 4: a token signed with the attacker's key embedded as jwk is refused")
    void row4EmbeddedJwkIsIgnoredForTrust() {
        String jwk = rsaJwk(TestKeys.ATTACKER_RSA);

        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(), "{\"alg\":\"RS256\",\"jwk\":" + jwk + "}",
                claims().json()));
        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"jwk\":" + jwk + "}", claims().json()));
    }

    @Test
    @DisplayName("row 4: jku and x5u pointing at the attacker's JWKS are never fetched, and the token is refused")
    void row4JkuAndX5uAreNeverFetched() {
        String url = "http://127.0.0.1:" + attackerServer.getAddress().getPort() + "/jwks.json";

        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"jku\":\"" + url + "\"}", claims().json()));
        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"jku\":\"" + url + "\"}", claims().json()));
        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"x5u\":\"" + url + "\"}", claims().json()));
        assertThat(attackerRequests.get()).isZero();
    }

    @Test
    @DisplayName("row 4: an x5c chain carrying the attacker's key is ignored, and the token is refused")
    void row4X5cIsIgnoredForTrust() {
        // The verifier never reads x5c, so what the array holds cannot matter; here: the attacker's key.
        String x5c = "[\"" + Base64.getEncoder().encodeToString(TestKeys.ATTACKER_RSA.getPublic().getEncoded()) + "\"]";

        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"x5c\":" + x5c + "}", claims().json()));
        assertRefused(sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(), "{\"alg\":\"RS256\",\"x5c\":" + x5c + "}",
                claims().json()));
    }

    // ---------------------------------------------------------------- row 5

    @ParameterizedTest(name = "row 5: kid {0} is only a map key: unknown, refused")
    @ValueSource(strings = {"../../dev/null", "/dev/null", "' OR '1'='1", "rsa-1' --", "rsa-1\\u0000", "RSA-1", ""})
    void row5HostileKidIsOnlyAMapKey(String kid) {
        String token = sign("RS256", TestKeys.ATTACKER_RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", claims().json());

        assertRefused(token);
        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    @DisplayName("row 5: the kid of an RSA key with alg HS256 or ES256 is refused: key type must match alg")
    void row5KidOfRsaKeyWithOtherAlgIsRefused() {
        byte[] der = TestKeys.RSA_1.getPublic().getEncoded();

        assertRefused(TokenForge.hs256(der, "{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}", claims().json()));
        assertRefused(sign("ES256", TestKeys.ATTACKER_EC.getPrivate(), "{\"alg\":\"ES256\",\"kid\":\"rsa-1\"}",
                claims().json()));
        assertRefused(sign("EdDSA", TestKeys.ED25519.getPrivate(), "{\"alg\":\"EdDSA\",\"kid\":\"rsa-1\"}",
                claims().json()));
    }

    @Test
    @DisplayName("row 5: a kid that is not a string is refused before any key lookup")
    void row5KidThatIsNotAStringIsRefused() {
        for (String kid : List.of("1", "null", "[\"rsa-1\"]", "{\"kid\":\"rsa-1\"}")) {
            assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"RS256\",\"kid\":" + kid + "}",
                    claims().json()));
        }
        assertThat(keys.lookups()).isZero();
    }

    // ---------------------------------------------------------------- row 6

    @Test
    @DisplayName("row 6: a validly signed token with a crit header is refused (RFC 7515 §4.1.11)")
    void row6CritIsRefused() {
        String[] headers = {
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[\"http://example.com/must-understand\"],"
                        + "\"http://example.com/must-understand\":true}",
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[\"b64\"],\"b64\":false}",
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[]}",
        };
        for (String header : headers) {
            assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), header, claims().json()));
        }
    }

    // ---------------------------------------------------------------- row 7

    @Test
    @DisplayName("row 7: a JWE (5 parts) is refused before anything is decoded")
    void row7JweIsRefused() {
        String jwe = b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}") + "." + b64(new byte[256])
                + "." + b64(new byte[12]) + "." + b64(claims().json()) + "." + b64(new byte[16]);

        assertRefused(jwe);
        assertThat(keys.lookups()).isZero();
    }

    @Test
    @DisplayName("row 7: a nested token (cty JWT) and a JWE header in three parts are refused")
    void row7NestedTokenIsRefused() {
        String inner = sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().json());
        String nested = signEncoded("RS256", TestKeys.RSA_1.getPrivate(),
                b64("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"cty\":\"JWT\"}"), b64(inner));
        String nestedClaims = sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"cty\":\"jwt\"}",
                claims().json());
        String jweHeader = sign("RS256", TestKeys.RSA_1.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"enc\":\"A256GCM\"}", claims().json());

        assertRefused(nested);
        assertRefused(nestedClaims);
        assertRefused(jweHeader);
    }

    // ---------------------------------------------------------------- row 8

    @Test
    @DisplayName("row 8: a PBES2 JWE with a huge p2c is refused before any key derivation")
    void row8Pbes2WithHugeP2cIsRefusedBeforeKeyDerivation() {
        String header = "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2s\":\"" + b64(new byte[16])
                + "\",\"p2c\":2147483647}";
        String jwe = b64(header) + "." + b64(new byte[40]) + "." + b64(new byte[12]) + "." + b64(new byte[64]) + "."
                + b64(new byte[16]);
        String threeParts = b64(header) + "." + b64(claims().json()) + "." + b64(new byte[32]);

        // Two billion PBKDF2 rounds would take half an hour or more (1 to 6 s per million rounds): a refusal within the
        // bound, wide so that load cannot break it, means none were run.
        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertRefused(jwe);
            assertRefused(threeParts);
        });
        assertThat(keys.lookups()).isZero();
    }

    // ---------------------------------------------------------------- row 9

    @Test
    @DisplayName("row 9: a 10 MB token is refused cheaply, before decoding")
    void row9HugeTokenIsRefusedCheaply() {
        String huge = b64(rsaHeader("rsa-1")) + "." + "A".repeat(10 * 1024 * 1024) + "." + b64(new byte[256]);

        // the length check refused it, so nothing was decoded; the wide bound only guards against a hang
        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> assertThatThrownBy(() -> verifier.verify(huge))
                .hasMessage("token is longer than the configured maximum"));
        assertRefused(huge);
        assertThat(keys.lookups()).isZero();
    }

    @Test
    @DisplayName("row 9: deeply nested JSON is refused, in a signed payload and in the header")
    void row9DeepNestingIsRefused() {
        String deepClaims = claims().raw("x", "[".repeat(2000) + "]".repeat(2000)).json();
        String deepHeader = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"x\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}";

        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), deepClaims));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), deepHeader, claims().json()));
    }

    @Test
    @DisplayName("row 9: nesting deep enough to overflow a recursive parser is refused with InvalidTokenException")
    void row9NestingThatWouldOverflowTheStackIsRefused() {
        TokenVerifier longTokens = Fixture.verifier(settings().maxTokenLength(1024 * 1024), keys);
        String header = "{\"alg\":\"RS256\",\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";

        assertRefused(longTokens, b64(header) + "." + b64(claims().json()) + "." + b64(new byte[256]));
        assertRefused(longTokens, b64(rsaHeader("rsa-1")) + "." + b64("[".repeat(300_000)) + "." + b64(new byte[256]));
    }

    @ParameterizedTest(name = "row 9: exp {0} is refused")
    @ValueSource(strings = {"1e400", "1E+400", "1e999999999", "9999999999999999999999999999", "253402300800"})
    void row9HugeNumbersAreRefused(String exp) {
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().raw("exp", exp).json()));
    }

    @Test
    @DisplayName("row 9: a number with thousands of digits is refused")
    void row9NumberWithThousandsOfDigitsIsRefused() {
        String digits = "1" + "0".repeat(3000);

        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().raw("exp", digits).json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().raw("n", digits).json()));
    }

    // ---------------------------------------------------------------- row 10

    @Test
    @DisplayName("row 10: duplicate sub in a validly signed claims set is refused")
    void row10DuplicateClaimIsRefused() {
        String duplicateSub = claims().json().replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\"");
        String duplicateNested = claims().raw("realm_access", "{\"roles\":[\"user\"],\"roles\":[\"admin\"]}").json();
        assertThat(duplicateSub).contains("\"sub\":\"admin\"");

        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), duplicateSub));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), duplicateNested));
    }

    @Test
    @DisplayName("row 10: duplicate alg or kid in the header is refused")
    void row10DuplicateHeaderMemberIsRefused() {
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                claims().json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"x\",\"kid\":\"rsa-1\"}",
                claims().json()));
        assertThat(keys.lookups()).isZero();
    }

    // ---------------------------------------------------------------- row 11

    @Test
    @DisplayName("row 11: padding '=' on the signature is refused")
    void row11PaddedSignatureIsRefused() {
        String token = validToken();

        assertRefused(token + "==");
        assertRefused(token + "=");
    }

    @Test
    @DisplayName("row 11: '+' and '/' instead of '-' and '_' are refused")
    void row11StandardAlphabetIsRefused() {
        String token = validTokenWithUrlSafeCharactersInSignature();
        int lastDot = token.lastIndexOf('.');
        String standard = token.substring(0, lastDot) + "."
                + token.substring(lastDot + 1).replace('-', '+').replace('_', '/');
        assertThat(standard).isNotEqualTo(token);

        assertRefused(standard);
    }

    @Test
    @DisplayName("row 11: non-zero unused trailing bits in the signature are refused (same bytes, other string)")
    void row11TrailingBitsInSignatureAreRefused() {
        String token = validToken();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(signature.length() % 4).as("RSA-2048: 256 bytes, 4 unused bits in the last character").isEqualTo(2);
        String flipped = token.substring(0, token.length() - 1) + flipLowBit(token.charAt(token.length() - 1));
        assertThat(Base64.getUrlDecoder().decode(flipped.substring(flipped.lastIndexOf('.') + 1)))
                .as("a lenient decoder reads the same signature").isEqualTo(Base64.getUrlDecoder().decode(signature));

        assertRefused(flipped);
    }

    @Test
    @DisplayName("row 11: a header or payload in non-canonical base64url is refused even when the signature covers it")
    void row11SignedNonCanonicalPartsAreRefused() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}"; // 29 bytes: one '=' of padding
        String paddedHeader = Base64.getUrlEncoder().encodeToString(header.getBytes(StandardCharsets.UTF_8));
        assertThat(paddedHeader).endsWith("=");
        String header64 = b64(header);
        String headerWithTrailingBits = header64.substring(0, header64.length() - 1)
                + flipLowBit(header64.charAt(header64.length() - 1));
        String payload = claims().with("name", "\u00ff\u00ff\u00ff").json();
        String standardPayload = Base64.getEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(standardPayload).containsAnyOf("+", "/");

        assertRefused(signEncoded("RS256", TestKeys.RSA_1.getPrivate(), paddedHeader, b64(claims().json())));
        assertRefused(signEncoded("RS256", TestKeys.RSA_1.getPrivate(), headerWithTrailingBits, b64(claims().json())));
        assertRefused(signEncoded("RS256", TestKeys.RSA_1.getPrivate(), header64, standardPayload));
        assertRefused(signEncoded("RS256", TestKeys.RSA_1.getPrivate(), " " + header64, b64(claims().json())));
    }

    // ---------------------------------------------------------------- row 12

    static Stream<Arguments> badTimeClaims() {
        return Stream.of(
                Arguments.of("exp as a string", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("exp", String.valueOf(NOW_SECONDS + 300))),
                Arguments.of("nbf as a string", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("nbf", String.valueOf(NOW_SECONDS - 60))),
                Arguments.of("iat as a string", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("iat", String.valueOf(NOW_SECONDS - 60))),
                Arguments.of("exp as a boolean", (UnaryOperator<Fixture.ClaimsJson>) c -> c.raw("exp", "true")),
                Arguments.of("exp negative", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("exp", -1)),
                Arguments.of("nbf negative", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("nbf", -1)),
                Arguments.of("iat negative", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("iat", -1)),
                Arguments.of("exp missing", (UnaryOperator<Fixture.ClaimsJson>) c -> c.without("exp")),
                Arguments.of("exp null", (UnaryOperator<Fixture.ClaimsJson>) c -> c.raw("exp", "null")),
                Arguments.of("expired beyond the 60 s skew", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("exp", NOW_SECONDS - 61)),
                Arguments.of("expired exactly at the skew", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("exp", NOW_SECONDS - 60)),
                Arguments.of("nbf in the future beyond skew", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("nbf", NOW_SECONDS + 61)),
                Arguments.of("iat in the future beyond skew", (UnaryOperator<Fixture.ClaimsJson>) c -> c.with("iat", NOW_SECONDS + 61)));
    }

    @ParameterizedTest(name = "row 12: {0} is refused")
    @MethodSource("badTimeClaims")
    void row12BadTimeClaimsAreRefused(String description, UnaryOperator<Fixture.ClaimsJson> change) {
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), change.apply(claims()).json()));
    }

    @Test
    @DisplayName("row 12: within the skew, exp just passed and nbf/iat just ahead are accepted")
    void row12WithinSkewIsAccepted() throws Exception {
        String claims = claims().with("exp", NOW_SECONDS - 59).with("nbf", NOW_SECONDS + 60).with("iat", NOW_SECONDS + 60).json();

        assertThat(verifier.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims)).getName())
                .isEqualTo("alice");
    }

    // ---------------------------------------------------------------- row 13

    static Stream<Arguments> badAudiences() {
        return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("[]", "[]"),
                Arguments.of("a number", "42"),
                Arguments.of("ours-evil", "\"orders-api-evil\""),
                Arguments.of("a prefix of ours", "\"orders\""),
                Arguments.of("other case", "\"Orders-API\""),
                Arguments.of("an array without ours", "[\"billing-api\",\"account\"]"),
                Arguments.of("an array holding ours as a number", "[\"billing-api\",42]"),
                Arguments.of("ours nested in an array", "[[\"orders-api\"]]"),
                Arguments.of("an object", "{\"aud\":\"orders-api\"}"),
                Arguments.of("null", "null"));
    }

    @ParameterizedTest(name = "row 13: aud {0} is refused")
    @MethodSource("badAudiences")
    void row13BadAudienceIsRefused(String description, String aud) {
        Fixture.ClaimsJson claims = aud == null ? claims().without("aud") : claims().raw("aud", aud);

        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims.json()));
    }

    @Test
    @DisplayName("row 13: aud as our string or as an array containing ours is accepted")
    void row13ArrayContainingOursIsAccepted() throws Exception {
        for (String aud : List.of("\"orders-api\"", "[\"orders-api\"]", "[\"billing-api\",\"orders-api\"]")) {
            String token = sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().raw("aud", aud).json());
            assertThat(verifier.verify(token).getAudience()).contains(AUDIENCE);
        }
    }

    // ---------------------------------------------------------------- row 14

    static Stream<Arguments> badIssuers() {
        return Stream.of(
                Arguments.of("with a trailing slash", "\"" + ISSUER + "/\""),
                Arguments.of("in other case", "\"" + ISSUER.toUpperCase() + "\""),
                Arguments.of("with other host case", "\"https://IDP.example/realms/a\""),
                Arguments.of("as an array", "[\"" + ISSUER + "\"]"),
                Arguments.of("as a number", "42"),
                Arguments.of("null", "null"),
                Arguments.of("missing", null),
                Arguments.of("with trailing space", "\"" + ISSUER + " \""),
                Arguments.of("with a default port", "\"https://idp.example:443/realms/a\""));
    }

    @ParameterizedTest(name = "row 14: iss {0} is refused")
    @MethodSource("badIssuers")
    void row14IssuerIsComparedExactly(String description, String iss) {
        Fixture.ClaimsJson claims = iss == null ? claims().without("iss") : claims().raw("iss", iss);

        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims.json()));
        assertThat(keys.lookups()).as("no key of any issuer is consulted").isZero();
    }

    // ---------------------------------------------------------------- row 15

    @Test
    @DisplayName("row 15: no kid while the issuer publishes several keys of the token's type is refused")
    void row15NoKidWithManyKeysIsRefused() {
        FixedKeySource many = new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_1), signingKey("rsa-2", TestKeys.RSA_2),
                signingKey("rsa-3", TestKeys.RSA_3));
        TokenVerifier verifier = Fixture.verifier(settings(), many);

        // Even a genuine token signed by the first key: trying all N keys per junk token is what row 15 forbids.
        assertRefused(verifier, sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"RS256\"}", claims().json()));
    }

    @Test
    @DisplayName("row 15: no kid is tried against at most two keys of the right type, ignoring other types")
    void row15NoKidTriesOnlyKeysOfTheRightType() throws Exception {
        FixedKeySource mixed = new FixedKeySource(signingKey("ec-1", TestKeys.EC_P256), signingKey("ec-2", TestKeys.EC_P256_B),
                signingKey("ed-1", TestKeys.ED25519), signingKey("rsa-1", TestKeys.RSA_1), signingKey("rsa-2", TestKeys.RSA_2));
        TokenVerifier verifier = Fixture.verifier(settings(), mixed);

        TokenVerifier.Accepted token = verifier.accept(sign("RS256", TestKeys.RSA_2.getPrivate(), "{\"alg\":\"RS256\"}", claims().json()));

        assertThat(token.signingKey().kid()).isEqualTo("rsa-2");
    }

    // ---------------------------------------------------------------- rows 16-17 (the verifier's part)

    @Test
    @DisplayName("row 16: an unknown kid is simply refused (one key-source lookup, which rate-limits refreshes)")
    void row16UnknownKidIsRefused() {
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("random-kid-81723"), claims().json()));
        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    @DisplayName("row 17: KeysUnavailableException from the key source propagates as such (503, not 401)")
    void row17KeysUnavailablePropagates() {
        keys.makeUnavailable();

        assertThatThrownBy(() -> verifier.verify(validToken())).isExactlyInstanceOf(KeysUnavailableException.class);
    }

    // ---------------------------------------------------------------- row 18

    @Test
    @DisplayName("row 18: a token signed with an RSA key under 2048 bits is refused")
    void row18ShortRsaKeyIsRefused() {
        TokenVerifier weak = Fixture.verifier(settings(), new FixedKeySource(signingKey("rsa-1024", TestKeys.RSA_1024)));

        assertRefused(weak, sign("RS256", TestKeys.RSA_1024.getPrivate(), rsaHeader("rsa-1024"), claims().json()));
        assertRefused(weak, sign("PS256", TestKeys.RSA_1024.getPrivate(), "{\"alg\":\"PS256\",\"kid\":\"rsa-1024\"}",
                claims().json()));
    }

    @Test
    @DisplayName("row 18: an EC key on the wrong curve for alg never verifies (P-384 key, ES256 token)")
    void row18EcKeyOnWrongCurveIsRefused() throws Exception {
        TokenVerifier verifier = Fixture.verifier(settings(), new FixedKeySource(signingKey("ec-1", TestKeys.EC_P384)));
        String input = b64("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") + "." + b64(claims().json());
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        byte[] p384WithSha256 = TokenForge.jcaSignature(java.security.Signature.getInstance("SHA256withECDSAinP1363Format"),
                TestKeys.EC_P384.getPrivate(), bytes);

        assertRefused(verifier, input + "." + b64(p384WithSha256));
        assertRefused(verifier, sign("ES384", TestKeys.EC_P384.getPrivate(), "{\"alg\":\"ES512\",\"kid\":\"ec-1\"}",
                claims().json()));
        assertRefused(verifier, sign("ES384", TestKeys.EC_P384.getPrivate(), "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}",
                claims().json()));
    }

    @Test
    @DisplayName("row 18: an Ed448 key does not verify EdDSA (Ed25519 only)")
    void row18Ed448KeyIsRefused() {
        TokenVerifier verifier = Fixture.verifier(settings(), new FixedKeySource(signingKey("ed-448", TestKeys.ED448)));

        assertRefused(verifier, sign("EdDSA", TestKeys.ED448.getPrivate(), "{\"alg\":\"EdDSA\",\"kid\":\"ed-448\"}",
                claims().json()));
    }

    @Test
    @DisplayName("row 18: a key whose JWK pins another alg (e.g. an encryption key, RSA-OAEP) is not used")
    void row18KeyPinnedToAnotherAlgorithmIsRefused() {
        TokenVerifier verifier = Fixture.verifier(settings(), new FixedKeySource(
                signingKey("enc-1", TestKeys.RSA_1, "RSA-OAEP-256"), signingKey("rs512", TestKeys.RSA_2, "RS512")));

        assertRefused(verifier, sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("enc-1"), claims().json()));
        assertRefused(verifier, sign("RS256", TestKeys.RSA_2.getPrivate(), rsaHeader("rs512"), claims().json()));
    }

    // ---------------------------------------------------------------- row 19

    @ParameterizedTest(name = "row 19: with strict typing, typ {0} is refused")
    @ValueSource(strings = {"<absent>", "JWT", "application/jwt", "jwt", "id_token+jwt", "at+jwt ", "at+jwt;x=1"})
    void row19StrictTypingRefusesOtherTypes(String typ) {
        TokenVerifier strict = Fixture.verifier(settings().requireAccessTokenType(), keys);

        assertRefused(strict, sign("RS256", TestKeys.RSA_1.getPrivate(), header(typ), claims().json()));
    }

    @ParameterizedTest(name = "row 19: with strict typing, typ {0} is accepted")
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/AT+JWT"})
    void row19StrictTypingAcceptsAccessTokens(String typ) throws Exception {
        TokenVerifier strict = Fixture.verifier(settings().requireAccessTokenType(), keys);

        assertThat(strict.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), header(typ), claims().json())).getName())
                .isEqualTo("alice");
    }

    @ParameterizedTest(name = "row 19: without strict typing, typ {0} (another kind of token) is refused")
    @ValueSource(strings = {"logout+jwt", "secevent+jwt", "dpop+jwt", "id_token+jwt", "JOSE", "JOSE+JSON",
            "application/logout+jwt", "token-introspection+jwt", "", "<number>"})
    void row19LenientTypingRefusesOtherKinds(String typ) {
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), header(typ), claims().json()));
    }

    @ParameterizedTest(name = "row 19: without strict typing, typ {0} is accepted")
    @ValueSource(strings = {"<absent>", "JWT", "jwt", "application/jwt", "at+jwt", "application/at+jwt"})
    void row19LenientTypingAcceptsJwtAndAccessTokens(String typ) throws Exception {
        assertThat(verifier.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), header(typ), claims().json())).getName())
                .isEqualTo("alice");
    }

    @Test
    @DisplayName("row 19: an ID token presented as access token is refused (Keycloak typ ID, at_hash, c_hash)")
    void row19IdTokenIsRefused() {
        // A Keycloak ID token for a client whose id equals our audience: the signature, issuer and aud all match.
        Fixture.ClaimsJson idToken = claims().with("typ", "ID").with("azp", AUDIENCE).with("nonce", "n-0S6_WzA2Mj")
                .with("at_hash", "77QmUPtjPfzWtF2AnpK9RQ");

        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), idToken.json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().with("typ", "ID").json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("c_hash", "LDktKdoQak3Pk0cnXxCltA").json()));
    }

    @Test
    @DisplayName("row 19: refresh, logout and security event tokens are refused; Keycloak typ Bearer is accepted")
    void row19OtherKeycloakKindsAreRefused() throws Exception {
        for (String kind : List.of("Refresh", "Offline", "Logout", "Serialized-ID")) {
            assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().with("typ", kind).json()));
        }
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().raw("events", "{\"http://schemas.openid.net/event/backchannel-logout\":{}}").json()));
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().raw("typ", "1").json()));

        assertThat(verifier.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("typ", "Bearer").json())).getName()).isEqualTo("alice");
    }

    // ---------------------------------------------------------------- row 20

    @Test
    @DisplayName("row 20: a token validly signed by another trusted tenant but claiming this tenant's iss is refused")
    void row20AnotherTenantsTokenIsRefused() throws Exception {
        // Tenant B even reuses tenant A's kid: keys are bound to their issuer, never merged.
        FixedKeySource tenantA = new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_1));
        FixedKeySource tenantB = new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_2));
        TokenVerifier verifier = new TokenVerifier(settings().issuers(ISSUER, OTHER_ISSUER).build(),
                new TrustedIssuers(Map.of(ISSUER, tenantA, OTHER_ISSUER, tenantB), null), Fixture.CLOCK);
        String bSignsForA = sign("RS256", TestKeys.RSA_2.getPrivate(), rsaHeader("rsa-1"), claims().json());
        String bSignsForB = sign("RS256", TestKeys.RSA_2.getPrivate(), rsaHeader("rsa-1"),
                claims().with("iss", OTHER_ISSUER).json());

        assertRefused(verifier, bSignsForA);
        assertThat(tenantB.lookups()).as("B's keys are not consulted for A's token").isZero();
        assertThat(verifier.verify(bSignsForB).getIssuer()).as("control").isEqualTo(OTHER_ISSUER);
    }

    @Test
    @DisplayName("row 20: an issuer that is not trusted at all is refused without any key lookup")
    void row20UntrustedIssuerIsRefused() {
        assertRefused(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("iss", OTHER_ISSUER).json()));
        assertThat(keys.lookups()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private String validToken() {
        return sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().json());
    }

    private String validTokenWithUrlSafeCharactersInSignature() {
        for (int i = 0; i < 50; i++) {
            String token = sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().with("jti", "j" + i).json());
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.contains("-") || signature.contains("_")) {
                return token;
            }
        }
        throw new AssertionError("no signature with '-' or '_' in 50 attempts");
    }

    private static String header(String typ) {
        return switch (typ) {
            case "<absent>" -> "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}";
            case "<number>" -> "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"typ\":1}";
            default -> "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"typ\":\"" + typ + "\"}";
        };
    }

    private void assertRefused(String token) {
        assertRefused(verifier, token);
    }

    /** Refused as a bad token: exactly InvalidTokenException, no stack trace, no token data in the message. */
    static void assertRefused(TokenVerifier verifier, String token) {
        Throwable thrown = catchThrowable(() -> verifier.verify(token));

        assertThat(thrown).isExactlyInstanceOf(InvalidTokenException.class);
        assertThat(thrown.getStackTrace()).isEmpty();
        assertThat(thrown.getMessage()).hasSizeLessThan(100);
        for (String part : token == null ? new String[0] : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(thrown.getMessage()).doesNotContain(part.substring(0, 8));
            }
        }
    }

    private static char flipLowBit(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(c) ^ 1);
    }

    static String rsaJwk(KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return "{\"kty\":\"RSA\",\"n\":\"" + b64(unsigned(key.getModulus())) + "\",\"e\":\""
                + b64(unsigned(key.getPublicExponent())) + "\"}";
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
