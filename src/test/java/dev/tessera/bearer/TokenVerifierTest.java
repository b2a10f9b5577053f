package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.ISSUER;
import static dev.tessera.bearer.Fixture.NOW;
import static dev.tessera.bearer.Fixture.NOW_SECONDS;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.rsaHeader;
import static dev.tessera.bearer.Fixture.settings;
import static dev.tessera.bearer.SecurityRowsTest.assertRefused;
import static dev.tessera.bearer.TestKeys.signingKey;
import static dev.tessera.bearer.TokenForge.b64;
import static dev.tessera.bearer.TokenForge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.issuer.SigningKey;
import dev.tessera.issuer.TrustedIssuers;
import dev.tessera.testing.Patience;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {

    private final FixedKeySource keys = new FixedKeySource(
            signingKey("rsa-1", TestKeys.RSA_1),
            signingKey("ec-256", TestKeys.EC_P256),
            signingKey("ec-384", TestKeys.EC_P384),
            signingKey("ec-521", TestKeys.EC_P521),
            signingKey("ed-1", TestKeys.ED25519));
    private final TokenVerifier verifier = Fixture.verifier(settings(), keys);

    static Stream<Arguments> algorithms() {
        return Stream.of(
                Arguments.of("RS256", "rsa-1", TestKeys.RSA_1),
                Arguments.of("RS384", "rsa-1", TestKeys.RSA_1),
                Arguments.of("RS512", "rsa-1", TestKeys.RSA_1),
                Arguments.of("PS256", "rsa-1", TestKeys.RSA_1),
                Arguments.of("PS384", "rsa-1", TestKeys.RSA_1),
                Arguments.of("PS512", "rsa-1", TestKeys.RSA_1),
                Arguments.of("ES256", "ec-256", TestKeys.EC_P256),
                Arguments.of("ES384", "ec-384", TestKeys.EC_P384),
                Arguments.of("ES512", "ec-521", TestKeys.EC_P521),
                Arguments.of("EdDSA", "ed-1", TestKeys.ED25519));
    }

    @Test
    void anUnknownKidIsReportedWithTheIssuersKids() {
        String token = sign("RS256", TestKeys.RSA_1.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"rotated-away\"}",
                claims().json());
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(InvalidTokenException.class, e -> {
            assertThat(e).hasMessage("no issuer key matches the token's kid");
            assertThat(e.detail()).hasValue(
                    "kid \"rotated-away\", the issuer's kids [\"rsa-1\", \"ec-256\", \"ec-384\", \"ec-521\", \"ed-1\"]");
        });
    }

    @ParameterizedTest(name = "{0} token verifies")
    @MethodSource("algorithms")
    void tokenOfEachAlgorithmVerifies(String alg, String kid, KeyPair pair) throws Exception {
        String token = sign(alg, pair.getPrivate(), "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}", claims().json());

        TokenVerifier.Accepted accepted = verifier.accept(token);
        VerifiedToken verified = accepted.token();

        assertThat(verified.getName()).isEqualTo("alice");
        assertThat(verified.getRawToken()).isEqualTo(token);
        assertThat(accepted.signingKey().kid()).isEqualTo(kid);
    }

    @ParameterizedTest(name = "{0} token with a flipped signature bit is refused")
    @MethodSource("algorithms")
    void tokenOfEachAlgorithmWithAlteredSignatureIsRefused(String alg, String kid, KeyPair pair) {
        String input = b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}") + "." + b64(claims().json());
        byte[] signature = TokenForge.signature(alg, pair.getPrivate(), input.getBytes(StandardCharsets.US_ASCII));
        signature[signature.length / 2] ^= 0x01;

        assertRefused(verifier, input + "." + b64(signature));
    }

    @ParameterizedTest(name = "{0} token with an altered payload is refused")
    @MethodSource("algorithms")
    void tokenOfEachAlgorithmWithAlteredPayloadIsRefused(String alg, String kid, KeyPair pair) {
        String token = sign(alg, pair.getPrivate(), "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}", claims().json());
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + b64(claims().with("sub", "admin").json()) + "." + parts[2];

        assertRefused(verifier, altered);
    }

    @Test
    void ps256SignatureWithoutSaltIsRefused() throws Exception {
        String input = b64("{\"alg\":\"PS256\",\"kid\":\"rsa-1\"}") + "." + b64(claims().json());
        byte[] noSalt = TokenForge.jcaSignature(TokenForge.pss("SHA-256", MGF1ParameterSpec.SHA256, 0),
                TestKeys.RSA_1.getPrivate(), input.getBytes(StandardCharsets.US_ASCII));

        assertRefused(verifier, input + "." + b64(noSalt));
    }

    @Test
    void rsaSignatureOfWrongLengthIsRefused() {
        String token = sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().json());

        assertRefused(verifier, token + "AA");
        assertRefused(verifier, token.substring(0, token.length() - 4));
    }

    @Test
    void keyPinnedToTheTokensAlgorithmVerifies() throws Exception {
        TokenVerifier pinned = Fixture.verifier(settings(), new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_1, "RS256")));

        assertThat(pinned.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().json())).getName())
                .isEqualTo("alice");
    }

    @Test
    void keysWithoutIssuerAcceptTokensWithoutIss() throws Exception {
        TokenVerifier keyLocationOnly = new TokenVerifier(settings().issuers().publicKey("{\"keys\":[]}").build(),
                new TrustedIssuers(Map.of(), keys), Fixture.CLOCK);

        assertThat(keyLocationOnly.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().without("iss").json())).getIssuer()).isNull();
        assertRefused(keyLocationOnly, sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().raw("iss", "[\"x\"]").json()));
    }

    @Test
    void audienceIsNotCheckedWhenNoneIsConfigured() throws Exception {
        TokenVerifier anyAudience = Fixture.verifier(settings().audiences(), keys);

        assertThat(anyAudience.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().without("aud").json())).getAudience()).isNull();
        assertThat(anyAudience.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("aud", "someone-else").json())).getAudience()).containsExactly("someone-else");
        assertRefused(anyAudience, sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().raw("aud", "42").json()));
    }

    @Test
    void tokenWithoutCallerNameIsRefused() {
        assertRefused(verifier, sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().without("sub").json()));
        assertRefused(verifier, sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().with("sub", "").json()));
        assertRefused(verifier, sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().raw("sub", "42").json()));
    }

    @Test
    void nameIsUpnThenPreferredUsernameThenSub() throws Exception {
        assertThat(verify(claims().with("upn", "alice@example.com").with("preferred_username", "al")).getName())
                .isEqualTo("alice@example.com");
        assertThat(verify(claims().with("preferred_username", "al")).getName()).isEqualTo("al");
        assertThat(verify(claims().raw("upn", "7").with("preferred_username", "al")).getName()).isEqualTo("al");
        assertThat(verify(claims()).getName()).isEqualTo("alice");
        assertThat(verify(claims().without("sub").with("preferred_username", "al")).getName()).isEqualTo("al");
    }

    @Test
    void groupsComeFromNestedPaths() throws Exception {
        TokenVerifier keycloak = Fixture.verifier(settings().rolesClaims("realm_access/roles", "resource_access/orders-api/roles"), keys);
        String claimsJson = claims()
                .raw("realm_access", "{\"roles\":[\"user\",\"offline_access\"]}")
                .raw("resource_access", "{\"orders-api\":{\"roles\":[\"orders.read\",\"user\"]},\"other\":{\"roles\":[\"x\"]}}")
                .json();

        VerifiedToken token = keycloak.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claimsJson));

        assertThat(token.getGroups()).containsExactly("user", "offline_access", "orders.read");
    }

    @Test
    void groupsComeFromAScopeString() throws Exception {
        TokenVerifier scopes = Fixture.verifier(settings().rolesClaims("scope"), keys);

        VerifiedToken token = scopes.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("scope", "orders.read  orders.write openid").json()));

        assertThat(token.getGroups()).containsExactly("orders.read", "orders.write", "openid");
    }

    @Test
    void groupsComeFromAScopeArray() throws Exception {
        // Open Liberty's OpenID Connect Provider sends scope as a JSON array, as measured.
        TokenVerifier scopes = Fixture.verifier(settings().rolesClaims("scope"), keys);

        VerifiedToken token = scopes.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("scope", List.of("a", "b")).json()));

        assertThat(token.getGroups()).containsExactly("a", "b");
    }

    @Test
    void groupsAreTheUnionOfSeveralPathsAndMissingPathsContributeNothing() throws Exception {
        TokenVerifier several = Fixture.verifier(settings().rolesClaims("groups", "scope", "realm_access/roles", "missing",
                "sub/roles", "resource_access/absent/roles"), keys);
        String claimsJson = claims()
                .with("groups", List.of("admins", "users"))
                .with("scope", "users orders.read")
                .raw("realm_access", "{\"roles\":[\"auditor\",7,null,\"\"]}")
                .json();

        VerifiedToken token = several.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claimsJson));

        assertThat(token.getGroups()).containsExactly("admins", "users", "orders.read", "auditor");
    }

    @Test
    void aUrlNamedClaimIsOneClaimNotAPath() throws Exception {
        TokenVerifier auth0 = Fixture.verifier(settings().rolesClaims("https://example.com/roles"), keys);
        String claimsJson = claims().with("https://example.com/roles", List.of("orders.read")).json();

        VerifiedToken token = auth0.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claimsJson));

        assertThat(token.getGroups()).containsExactly("orders.read");
    }

    @Test
    void tokenWithoutGroupsHasEmptyGroups() throws Exception {
        assertThat(verify(claims()).getGroups()).isEmpty();
    }

    @Test
    void maxTokenAgeRequiresIatAndBoundsTheAgeWithoutTheClockSkew() throws Exception {
        TokenVerifier young = Fixture.verifier(settings().maxTokenAge(Duration.ofMinutes(5)), keys); // skew 60 s

        assertThat(young.verify(token(claims().with("iat", NOW_SECONDS - 300))).getName()).isEqualTo("alice");
        assertRefused(young, token(claims().with("iat", NOW_SECONDS - 301)));
        assertRefused(young, token(claims().without("iat")));
    }

    @Test
    void zeroSkewRefusesATokenExpiringNow() throws Exception {
        TokenVerifier exact = Fixture.verifier(settings().clockSkew(Duration.ZERO), keys);

        assertRefused(exact, token(claims().with("exp", NOW_SECONDS)));
        assertThat(exact.verify(token(claims().with("exp", NOW_SECONDS + 1))).getName()).isEqualTo("alice");
        assertRefused(exact, token(claims().with("nbf", NOW_SECONDS + 1)));
        assertThat(exact.verify(token(claims().with("nbf", NOW_SECONDS))).getName()).isEqualTo("alice");
    }

    @Test
    void fractionalTimesAreAccepted() throws Exception {
        assertThat(verify(claims().raw("exp", (NOW_SECONDS + 300) + ".5").raw("iat", (NOW_SECONDS - 1) + ".25")).getName())
                .isEqualTo("alice");
    }

    @Test
    void tokenAtTheLengthLimitIsReadAndOneCharacterMoreIsRefused() throws Exception {
        String token = sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().json());
        TokenVerifier exact = Fixture.verifier(settings().maxTokenLength(token.length()), keys);
        TokenVerifier shorter = Fixture.verifier(settings().maxTokenLength(token.length() - 1), keys);

        assertThat(exact.verify(token).getName()).isEqualTo("alice");
        assertRefused(shorter, token);
    }

    @Test
    void garbageIsRefusedAsInvalidToken() {
        for (String garbage : new String[] {null, "", " ", "Bearer x.y.z", "a.b", "a.b.c.d", "a.b.c.d.e.f", "..", "...",
                "é.é.é", "eyJ.eyJ.AA", "\u0000", "a\nb.c.d"}) {
            assertRefused(verifier, garbage);
        }
    }

    @Test
    void stillValidWhileNotExpiredAndKeyCurrent() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        SigningKey key = signingKey("rsa-1", TestKeys.RSA_1);
        FixedKeySource source = new FixedKeySource(key);
        TokenVerifier cached = new TokenVerifier(settings().build(), new TrustedIssuers(Map.of(ISSUER, source), null), clock);
        TokenVerifier.Accepted token = cached.accept(token(claims()));

        cached.checkStillValid(token);
        clock.now = NOW.plusSeconds(300 + 60);
        assertThatThrownBy(() -> cached.checkStillValid(token)).isExactlyInstanceOf(InvalidTokenException.class);
        clock.now = NOW;
        source.retire(key);
        assertThatThrownBy(() -> cached.checkStillValid(token)).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void verifierIsSafeToShareBetweenThreads() throws Exception {
        List<String> tokens = List.of(token(claims()), sign("ES256", TestKeys.EC_P256.getPrivate(),
                "{\"alg\":\"ES256\",\"kid\":\"ec-256\"}", claims().json()), sign("PS256", TestKeys.RSA_1.getPrivate(),
                "{\"alg\":\"PS256\",\"kid\":\"rsa-1\"}", claims().json()));
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 30; i++) {
                    try {
                        verifier.verify(tokens.get(i % tokens.size()));
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Patience.WAIT.toMillis());
            assertThat(thread.isAlive()).as("a verifying thread still running: its failures would go uncounted").isFalse();
        }

        assertThat(failures.get()).isZero();
    }

    @Test
    void toStringNamesTheIssuersOnly() {
        assertThat(verifier.toString()).contains(ISSUER);
    }

    private VerifiedToken verify(Fixture.ClaimsJson claims) throws Exception {
        return verifier.verify(token(claims));
    }

    private static String token(Fixture.ClaimsJson claims) {
        return sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims.json());
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
