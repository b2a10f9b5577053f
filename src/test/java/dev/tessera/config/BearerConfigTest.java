package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;

import org.eclipse.microprofile.config.Config;

import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.jose.KeyManagementAlgorithm;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.CapturedLog;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class BearerConfigTest {

    static ConfigReader reader(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return new ConfigReader(config);
    }

    @Test
    void inboundSideIsOffWithoutIssuerOrKey() {
        ConfigReader config = reader(Map.of("tessera.bearer.roles-claim", "roles"));
        assertThat(BearerConfig.isConfigured(config)).isFalse();
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThat(config.hasProblems()).isFalse();
    }

    @Test
    void defaultsFollowMicroProfileJwt() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", "https://login.example.com/realms/acme"))).orElseThrow();
        assertThat(settings.trust().issuerNames()).containsExactly(URI.create("https://login.example.com/realms/acme"));
        assertThat(settings.rules().clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.rules().rolesClaims()).containsExactly("groups");
        assertThat(settings.rules().algorithms()).containsExactlyInAnyOrder(JwsAlgorithm.values());
        assertThat(settings.rules().audiences()).isEmpty();
        assertThat(settings.rules().maxTokenAge()).isEmpty();
        assertThat(settings.location()).isEqualTo(TokenLocation.AUTHORIZATION_HEADER);
        assertThat(settings.rules().maxTokenLength()).isEqualTo(8192);
        assertThat(settings.realm()).isEqualTo("tessera");
    }

    @Test
    void tokenCacheIsOnByDefaultAndConfigurable() {
        String issuer = "https://a.example";
        assertThat(BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", issuer))).orElseThrow().tokenCache())
                .isEqualTo(TokenCacheSettings.DEFAULT)
                .isEqualTo(new TokenCacheSettings(true, 10_000, 32 * 1024 * 1024));
        assertThat(BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", issuer,
                "tessera.bearer.token-cache.enabled", "false",
                "tessera.bearer.token-cache.max-entries", "50",
                "tessera.bearer.token-cache.max-bytes", "1048576"))).orElseThrow().tokenCache())
                .isEqualTo(new TokenCacheSettings(false, 50, 1024 * 1024));
    }

    @Test
    void badTokenCacheBoundsNameTheirKeys() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.token-cache.enabled", "maybe",
                "tessera.bearer.token-cache.max-entries", "0",
                "tessera.bearer.token-cache.max-bytes", "64MB"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContainingAll(
                "tessera.bearer.token-cache.enabled", "tessera.bearer.token-cache.max-entries",
                "tessera.bearer.token-cache.max-bytes");
    }

    @Test
    void everyKeyOfTheIssueIsRead() {
        BearerSettings settings = BearerConfig.read(reader(Map.ofEntries(
                Map.entry("mp.jwt.verify.issuer", "https://a.example/realms/acme"),
                Map.entry("tessera.bearer.issuers", "https://b.example/t1, https://c.example/t2"),
                Map.entry("mp.jwt.verify.audiences", "orders-api,billing-api"),
                Map.entry("mp.jwt.verify.publickey.algorithm", "RS256,ES256"),
                Map.entry("mp.jwt.verify.clock.skew", "5"),
                Map.entry("mp.jwt.verify.token.age", "3600"),
                Map.entry("tessera.bearer.require-access-token-type", "true"),
                Map.entry("tessera.bearer.roles-claim", "realm_access/roles, scope"),
                Map.entry("mp.jwt.token.header", "Cookie"),
                Map.entry("tessera.bearer.jwks.min-refresh-interval", "2s")))).orElseThrow();
        assertThat(settings.trust().issuerNames()).extracting(URI::toString)
                .containsExactly("https://a.example/realms/acme", "https://b.example/t1", "https://c.example/t2");
        assertThat(settings.rules().audiences()).containsExactlyInAnyOrder("orders-api", "billing-api");
        assertThat(settings.rules().algorithms()).containsExactlyInAnyOrder(JwsAlgorithm.RS256, JwsAlgorithm.ES256);
        assertThat(settings.rules().clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.rules().maxTokenAge()).contains(Duration.ofHours(1));
        assertThat(settings.rules().requireAccessTokenType()).isTrue();
        assertThat(settings.rules().rolesClaims()).containsExactly("realm_access/roles", "scope");
        assertThat(settings.location()).isEqualTo(new TokenLocation.Cookie("Bearer"));
        assertThat(settings.keyRefresh().minRefreshInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keyLocationAloneActivatesTheInboundSide() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.publickey.location", "classpath:keys.pem"))).orElseThrow();
        assertThat(settings.trust().issuerNames()).isEmpty();
        assertThat(settings.trust()).isEqualTo(new Trust.AnyIssuer(new KeyOrigin.Location("classpath:keys.pem")));
    }

    @Test
    void everyBadKeyIsNamedInOneError() {
        ConfigReader config = reader(Map.of(
                "mp.jwt.verify.issuer", "not a url",
                "mp.jwt.verify.clock.skew", "a minute",
                "mp.jwt.verify.publickey.algorithm", "RS256,HS256,none",
                "tessera.bearer.roles-claim", "realm_access//roles",
                "mp.jwt.token.header", "X-Token",
                "tessera.bearer.max-token-length", "ten",
                "tessera.bearer.require-access-token-type", "yes"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).isInstanceOfSatisfying(ConfigurationException.class, e ->
                assertThat(e.problems()).hasSize(8).anySatisfy(p -> assertThat(p).startsWith("mp.jwt.verify.issuer:"))
                        .anySatisfy(p -> assertThat(p).startsWith("mp.jwt.verify.clock.skew:"))
                        .anySatisfy(p -> assertThat(p).contains("'HS256' is not allowed"))
                        .anySatisfy(p -> assertThat(p).contains("'none' is not allowed"))
                        .anySatisfy(p -> assertThat(p).startsWith("tessera.bearer.roles-claim:"))
                        .anySatisfy(p -> assertThat(p).startsWith("mp.jwt.token.header:"))
                        .anySatisfy(p -> assertThat(p).startsWith("tessera.bearer.max-token-length:"))
                        .anySatisfy(p -> assertThat(p).startsWith("tessera.bearer.require-access-token-type:")));
    }

    @Test
    void urlNamedRolesClaimIsAccepted() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.roles-claim", "https://example.com/roles"));
        assertThat(BearerConfig.read(config).orElseThrow().rules().rolesClaims()).containsExactly("https://example.com/roles");
        assertThat(config.hasProblems()).isFalse();
    }

    @Test
    void algorithmNamesMustBeSpelledExactly() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example", "mp.jwt.verify.publickey.algorithm", "rs256"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThat(config.hasProblems()).isTrue();
    }

    @Test
    void aDecryptionKeyWithAnIssuerAcceptsSignedThenEncryptedTokensWithBothAlgorithms() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "mp.jwt.decrypt.key.location", "key.pem"))).orElseThrow();
        assertThat(settings.decryption()).contains(new Decryption("key.pem",
                Set.of(KeyManagementAlgorithm.RSA_OAEP, KeyManagementAlgorithm.RSA_OAEP_256)));
        assertThat(settings.trust()).isInstanceOf(Trust.Issuers.class);
    }

    @Test
    void aDecryptionKeyAloneAcceptsEncryptedClaims() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.decrypt.key.location", "key.pem"))).orElseThrow();
        assertThat(settings.trust()).isInstanceOf(Trust.EncryptedClaims.class);
    }

    @Test
    void theDecryptionAlgorithmNarrowsTheAcceptedOnes() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.decrypt.key.location", "key.pem",
                "mp.jwt.decrypt.key.algorithm", "RSA-OAEP-256"))).orElseThrow();
        assertThat(settings.decryption().orElseThrow().algorithms()).containsExactly(KeyManagementAlgorithm.RSA_OAEP_256);
    }

    @Test
    void anUnsupportedDecryptionAlgorithmIsAConfigurationError() {
        ConfigReader config = reader(Map.of("mp.jwt.decrypt.key.location", "key.pem", "mp.jwt.decrypt.key.algorithm",
                "RSA1_5"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining("mp.jwt.decrypt.key.algorithm");
    }

    @Test
    void aDecryptionAlgorithmWithoutAKeyIsAConfigurationError() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example", "mp.jwt.decrypt.key.algorithm",
                "RSA-OAEP"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining("mp.jwt.decrypt.key.algorithm");
    }

    @Test
    void rsaKeysOf2048BitsAreTheDefaultMinimumWithoutAWarning() {
        try (CapturedLog log = CapturedLog.of(BearerConfig.class, Level.INFO)) {
            BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", "https://a.example")))
                    .orElseThrow();
            assertThat(settings.rules().minRsaKeyBits()).isEqualTo(2048);
            assertThat(log.messages(Level.WARNING)).isEmpty();
        }
    }

    @Test
    void loweringTheRsaMinimumTo1024IsAcceptedWithAWarning() {
        try (CapturedLog log = CapturedLog.of(BearerConfig.class, Level.INFO)) {
            BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                    "tessera.bearer.rsa.min-key-bits", "1024"))).orElseThrow();
            assertThat(settings.rules().minRsaKeyBits()).isEqualTo(1024);
            assertThat(log.messages(Level.WARNING)).singleElement().asString()
                    .contains("tessera.bearer.rsa.min-key-bits=1024", "RFC 7518");
        }
    }

    @Test
    void rsaKeysBelow1024BitsCannotBeOptedInto() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.rsa.min-key-bits", "512"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining("tessera.bearer.rsa.min-key-bits");
    }

    @Test
    void shortAndIsoDurationsAreAccepted() {
        assertThat(ConfigReader.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(ConfigReader.parseDuration("30s")).contains(Duration.ofSeconds(30));
        assertThat(ConfigReader.parseDuration("5m")).contains(Duration.ofMinutes(5));
        assertThat(ConfigReader.parseDuration("PT1H")).contains(Duration.ofHours(1));
        assertThat(ConfigReader.parseDuration("-PT1H")).isEmpty();
        assertThat(ConfigReader.parseDuration("soon")).isEqualTo(Optional.empty());
    }

    @Test
    void recordRefusesAnEmptyAlgorithmList() {
        assertThatThrownBy(() -> new VerificationRules(Set.of(), Set.of(), Duration.ZERO, Optional.empty(), false,
                List.of("groups"), 8192)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMisspeltTesseraKeyFailsTheDeploymentAndNamesTheRightOne() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.roles-claims", "realm_access/roles"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining(
                "tessera.bearer.roles-claims: is not a key of Tessera; did you mean tessera.bearer.roles-claim?");
    }

    @Test
    void aMisspeltMicroProfileKeyIsAWarningNamingTheRightKey() {
        try (CapturedLog log = CapturedLog.of(BearerConfig.class, Level.INFO)) {
            ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                    "mp.jwt.verify.audience", "orders-api", "mp.jwt.verify.publickey.locations", "keys.pem"));
            assertThat(BearerConfig.read(config)).isPresent();
            assertThat(log.messages(Level.WARNING)).containsExactlyInAnyOrder(
                    "mp.jwt.verify.audience is not a MicroProfile JWT key and is ignored; did you mean mp.jwt.verify.audiences?",
                    "mp.jwt.verify.publickey.locations is not a MicroProfile JWT key and is ignored; did you mean mp.jwt.verify.publickey.location?");
        }
    }

    @Test
    void environmentVariablesAreReadAndTheirDottedAliasesAreNotUnknownKeys() {
        // Open Liberty lists TESSERA_BEARER_ROLES_CLAIM a second time as tessera.bearer.roles.claim
        Config liberty = new SmallRyeConfigBuilder().withSources(
                new EnvConfigSource(Map.of("TESSERA_BEARER_ROLES_CLAIM", "realm_access/roles",
                        "TESSERA_BEARER_TOKEN_CACHE_MAX_ENTRIES", "50"), 300),
                new PropertiesConfigSource(Map.of("mp.jwt.verify.issuer", "https://a.example",
                        "tessera.bearer.roles.claim", "realm_access/roles", "tessera.bearer.token.cache.max.entries", "50"),
                        "liberty-aliases", 100)).build();
        ConfigReader config = new ConfigReader(liberty);
        BearerSettings settings = BearerConfig.read(config).orElseThrow();
        assertThat(config.hasProblems()).isFalse();
        assertThat(settings.rules().rolesClaims()).containsExactly("realm_access/roles");
        assertThat(settings.tokenCache().maxEntries()).isEqualTo(50);
    }

    @Test
    void aMisspeltEnvironmentVariableIsAnUnknownKey() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "TESSERA_BEARER_ROLES_CLAIMS", "realm_access/roles", "tessera.bearer.roles.claims", "realm_access/roles"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).isInstanceOfSatisfying(ConfigurationException.class, e ->
                assertThat(e.problems()).containsExactly("TESSERA_BEARER_ROLES_CLAIMS: is not a key of Tessera;"
                        + " did you mean TESSERA_BEARER_ROLES_CLAIM?"));
    }

    @Test
    void aDottedPropertyIsNotTakenForAnEnvironmentVariable() {
        // only environment variables are mapped by MicroProfile Config; this property would be ignored silently
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.roles.claim", "realm_access/roles"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining("tessera.bearer.roles.claim: is not a key of Tessera");
    }

    @Test
    void furtherIssuersTakeDiscoveredKeysAndTheFirstTheConfiguredOnes() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.issuers", "https://b.example", "mp.jwt.verify.publickey.location", "https://a.example/keys")))
                .orElseThrow();
        assertThat(settings.trust()).isEqualTo(new Trust.Issuers(List.of(
                new Trust.TrustedIssuer(URI.create("https://a.example"), new KeyOrigin.KeysUrl(URI.create("https://a.example/keys"))),
                new Trust.TrustedIssuer(URI.create("https://b.example"), KeyOrigin.DISCOVERED))));
    }

    @Test
    void anIssuerListedTwiceNamesTheKey() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.issuers", "https://b.example, https://a.example"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining(
                "tessera.bearer.issuers: issuer 'https://a.example' is listed twice");
    }

    @Test
    void aBadRealmOrCookieNameNamesItsKey() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.realm", "say \"hi\"", "mp.jwt.token.header", "Cookie", "mp.jwt.token.cookie", "a b"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining("mp.jwt.token.cookie:");
        ConfigReader realm = reader(Map.of("mp.jwt.verify.issuer", "https://a.example", "tessera.bearer.realm", "say \"hi\""));
        assertThat(BearerConfig.read(realm)).isEmpty();
        assertThatThrownBy(realm::throwIfProblems).hasMessageContaining("tessera.bearer.realm: the realm must be printable ASCII");
    }

    @Test
    void contradictoryKeyRefreshBoundsAreOneProblemNamingTheKeys() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.jwks.min-ttl", "10m", "tessera.bearer.jwks.max-ttl", "5m"));
        assertThat(BearerConfig.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).isInstanceOfSatisfying(ConfigurationException.class, e ->
                assertThat(e.problems()).singleElement().asString()
                        .startsWith("tessera.bearer.jwks.ttl, tessera.bearer.jwks.min-ttl, tessera.bearer.jwks.max-ttl:")
                        .contains("minimum TTL must not exceed the maximum TTL"));
    }

    @Test
    void theSummarySaysWhatIsInForceAndWhereKeysComeFrom() {
        BearerSettings settings = BearerConfig.read(reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "tessera.bearer.issuers", "https://b.example", "mp.jwt.verify.publickey.location", "classpath:keys.pem",
                "tessera.bearer.roles-claim", "realm_access/roles"))).orElseThrow();
        assertThat(settings.summary()).isEqualTo("issuers [https://a.example (keys from classpath:keys.pem),"
                + " https://b.example (keys by discovery)], audiences not checked, roles claims [realm_access/roles],"
                + " token in Authorization header, realm tessera");
        BearerSettings inline = BearerConfig.read(reader(Map.of("mp.jwt.verify.publickey", "{\"keys\":[]}",
                "mp.jwt.verify.audiences", "orders", "mp.jwt.token.header", "Cookie"))).orElseThrow();
        assertThat(inline.summary()).isEqualTo("issuers any issuer (keys inline), audiences [orders], roles claims [groups],"
                + " token in cookie Bearer, realm tessera");
    }
}
