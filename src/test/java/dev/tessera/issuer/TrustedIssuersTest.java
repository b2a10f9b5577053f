package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.tessera.config.BearerSettings;
import dev.tessera.config.Decryption;
import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.config.TokenCacheSettings;
import dev.tessera.config.KeyOrigin;
import dev.tessera.config.TokenLocation;
import dev.tessera.config.Trust;
import dev.tessera.config.VerificationRules;
import dev.tessera.testing.Patience;
import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;

class TrustedIssuersTest {

    private static TestIssuer tenantA;
    private static TestIssuer tenantB;
    private final MutableClock clock = MutableClock.fixed();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        tenantA = TestIssuer.start(0, "/tenant-a");
        tenantB = TestIssuer.start(0, "/tenant-b");
    }

    @AfterAll
    static void stop() {
        tenantA.close();
        tenantB.close();
    }

    private static BearerSettings settings(List<URI> issuers, Optional<String> location, Optional<String> inline) {
        Optional<KeyOrigin> keys = location.<KeyOrigin>map(KeyOrigin.Location::new).or(() -> inline.map(KeyOrigin.Inline::new));
        return new BearerSettings(Trust.of(issuers, keys),
                new VerificationRules(VerificationRules.ALL_ALGORITHMS, Set.of(), Duration.ofSeconds(60),
                        Optional.empty(), false, List.of("groups"), VerificationRules.DEFAULT_MAX_TOKEN_LENGTH),
                TokenLocation.AUTHORIZATION_HEADER, "tessera", Patience.waitingLong(KeyRefreshPolicy.DEFAULT),
                Patience.fetches(16 * 1024), TokenCacheSettings.DEFAULT);
    }

    @Test
    void eachIssuerIsBoundToItsOwnKeys() throws Exception {
        tenantA.resetCounts();
        tenantB.resetCounts();
        TrustedIssuers trusted = TrustedIssuers.from(
                settings(List.of(tenantA.issuer(), tenantB.issuer()), Optional.empty(), Optional.empty()), clock);
        assertThat(tenantA.requestCount("openid-configuration") + tenantB.requestCount("openid-configuration")).isZero();

        String kidA = tenantA.signingKey().getKeyID();
        String kidB = tenantB.signingKey().getKeyID();
        KeySource keysA = trusted.keysFor(tenantA.issuer().toString()).orElseThrow();
        KeySource keysB = trusted.keysFor(tenantB.issuer().toString()).orElseThrow();

        assertThat(keysA.candidates(kidA)).extracting(SigningKey::publicKey).containsExactly(tenantA.signingKey().toPublicKey());
        assertThat(keysA.candidates(kidB)).isEmpty();
        assertThat(keysB.candidates(kidB)).extracting(SigningKey::publicKey).containsExactly(tenantB.signingKey().toPublicKey());
        assertThat(keysB.candidates(kidA)).isEmpty();
        assertThat(keysA.candidates(null)).noneMatch(keysB::isCurrent);
        assertThat(trusted.checksIssuer()).isTrue();
    }

    @Test
    void onlyTheExactIssuerStringSelectsKeys() {
        TrustedIssuers trusted = TrustedIssuers.from(settings(List.of(tenantA.issuer()), Optional.empty(), Optional.empty()), clock);
        assertThat(trusted.keysFor(tenantA.issuer().toString())).isPresent();
        assertThat(trusted.keysFor(tenantA.issuer() + "/")).isEmpty();
        assertThat(trusted.keysFor(tenantA.issuer().toString().toUpperCase())).isEmpty();
        assertThat(trusted.keysFor(null)).isEmpty();
    }

    @Test
    void configuredKeyWithoutIssuerAcceptsAnyIssuer() throws Exception {
        String jwk = tenantA.signingKey().toPublicJWK().toJSONString();
        TrustedIssuers trusted = TrustedIssuers.from(settings(List.of(), Optional.empty(), Optional.of(jwk)), clock);
        assertThat(trusted.checksIssuer()).isFalse();
        KeySource keys = trusted.keysFor("https://anyone.example.com").orElseThrow();
        assertThat(keys).isInstanceOf(StaticKeySource.class);
        assertThat(keys.candidates(tenantA.signingKey().getKeyID())).hasSize(1);
        assertThat(trusted.keysFor(null)).containsSame(keys);
    }

    @Test
    void configuredKeyLocationServesTheFirstIssuerAndDiscoveryTheOthers() throws Exception {
        Path pem = Files.writeString(dir.resolve("a.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(tenantA.signingKey().toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
        tenantA.resetCounts();
        TrustedIssuers trusted = TrustedIssuers.from(settings(List.of(tenantA.issuer(), tenantB.issuer()),
                Optional.of(pem.toString()), Optional.empty()), clock);

        KeySource keysA = trusted.keysFor(tenantA.issuer().toString()).orElseThrow();
        assertThat(keysA).isInstanceOf(StaticKeySource.class);
        assertThat(keysA.candidates(null)).extracting(SigningKey::publicKey).containsExactly(tenantA.signingKey().toPublicKey());
        assertThat(tenantA.requestCount("openid-configuration")).isZero();
        assertThat(trusted.keysFor(tenantB.issuer().toString()).orElseThrow()).isInstanceOf(JwksKeySource.class);
    }

    @Test
    void plainHttpIssuerOnAnotherHostIsRefusedNamingWhichIssuer() {
        BearerSettings insecure = settings(List.of(tenantA.issuer(), URI.create("http://login.example.com/realm")),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> TrustedIssuers.from(insecure, clock))
                .isInstanceOfSatisfying(KeyOriginException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.origin()).isEqualTo(KeyOriginException.Origin.ISSUER);
                            assertThat(problem.issuerIndex()).isEqualTo(1);
                            assertThat(problem.reason()).contains("http://login.example.com/realm", "https");
                        }));
    }

    @Test
    void unreadableKeyLocationIsRefusedAsAKeyLocationProblem() {
        BearerSettings missing = settings(List.of(tenantA.issuer()), Optional.of(dir.resolve("none.pem").toString()), Optional.empty());
        assertThatThrownBy(() -> TrustedIssuers.from(missing, clock))
                .isInstanceOfSatisfying(KeyOriginException.class, e -> assertThat(e.problems()).singleElement()
                        .extracting(KeyOriginException.Problem::origin).isEqualTo(KeyOriginException.Origin.KEY_LOCATION))
                .hasMessageContaining("none.pem");
    }

    @Test
    void aDecryptionKeyLocationIsLoadedAtDeploymentBesideTheIssuersKeys() throws Exception {
        Path key = Files.writeString(dir.resolve("decrypt.jwk"),
                new RSAKeyGenerator(2048).keyID("enc").generate().toJSONString());
        BearerSettings base = settings(List.of(tenantA.issuer()), Optional.empty(), Optional.empty());
        BearerSettings withDecryption = new BearerSettings(base.trust(), base.rules(), base.location(), base.realm(),
                base.keyRefresh(), base.fetch(), base.tokenCache(),
                Optional.of(new Decryption(key.toString(), Decryption.DEFAULT_ALGORITHMS)));
        try (TrustedIssuers trusted = TrustedIssuers.from(withDecryption, clock)) {
            assertThat(trusted.decryptionKeys()).extracting(k -> k.kid().orElseThrow()).containsExactly("enc");
            assertThat(trusted.keysFor(tenantA.issuer().toString())).isPresent();
        }
    }

    @Test
    void encryptedClaimsAloneNeedNoIssuerKeys() throws Exception {
        Path key = Files.writeString(dir.resolve("decrypt.jwk"), new RSAKeyGenerator(2048).generate().toJSONString());
        BearerSettings base = settings(List.of(tenantA.issuer()), Optional.empty(), Optional.empty());
        BearerSettings claimsOnly = new BearerSettings(new Trust.EncryptedClaims(), base.rules(), base.location(),
                base.realm(), base.keyRefresh(), base.fetch(), base.tokenCache(),
                Optional.of(new Decryption(key.toString(), Decryption.DEFAULT_ALGORITHMS)));
        try (TrustedIssuers trusted = TrustedIssuers.from(claimsOnly, clock)) {
            assertThat(trusted.decryptionKeys()).hasSize(1);
            assertThat(trusted.checksIssuer()).isFalse();
        }
    }

    @Test
    void afterCloseNoIssuerHasKeysAndNoFetchStarts() throws Exception {
        TrustedIssuers trusted = TrustedIssuers.from(settings(List.of(tenantA.issuer()), Optional.empty(), Optional.empty()), clock);
        KeySource keys = trusted.keysFor(tenantA.issuer().toString()).orElseThrow();
        tenantA.resetCounts();

        trusted.close();

        assertThat(trusted.keysFor(tenantA.issuer().toString())).isEmpty();
        assertThatThrownBy(() -> keys.candidates(tenantA.signingKey().getKeyID())).isInstanceOf(KeysUnavailableException.class);
        assertThat(tenantA.requestCount("openid-configuration") + tenantA.requestCount("jwks")).isZero();
    }
}
