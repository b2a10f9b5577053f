package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class BearerSettingsTest {

    static ConfigReader reader(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return new ConfigReader(config);
    }

    @Test
    void inboundSideIsOffWithoutIssuerOrKey() {
        ConfigReader config = reader(Map.of("tessera.bearer.roles-claim", "roles"));
        assertThat(BearerSettings.isConfigured(config)).isFalse();
        assertThat(BearerSettings.read(config)).isEmpty();
        assertThat(config.hasProblems()).isFalse();
    }

    @Test
    void defaultsFollowMicroProfileJwt() {
        BearerSettings settings = BearerSettings.read(reader(Map.of("mp.jwt.verify.issuer", "https://login.example.com/realms/acme"))).orElseThrow();
        assertThat(settings.issuers()).containsExactly(URI.create("https://login.example.com/realms/acme"));
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.rolesClaims()).containsExactly("groups");
        assertThat(settings.algorithms()).isEqualTo(BearerSettings.ASYMMETRIC_ALGORITHMS).doesNotContain("HS256", "none");
        assertThat(settings.audiences()).isEmpty();
        assertThat(settings.maxTokenAge()).isEmpty();
        assertThat(settings.transport()).isEqualTo(TokenTransport.AUTHORIZATION_HEADER);
        assertThat(settings.maxTokenLength()).isEqualTo(8192);
        assertThat(settings.realm()).isEqualTo("tessera");
    }

    @Test
    void tokenCacheIsOnByDefaultAndConfigurable() {
        String issuer = "https://a.example";
        assertThat(BearerSettings.read(reader(Map.of("mp.jwt.verify.issuer", issuer))).orElseThrow().tokenCache())
                .isEqualTo(TokenCacheSettings.DEFAULT)
                .isEqualTo(new TokenCacheSettings(true, 10_000, 32 * 1024 * 1024));
        assertThat(BearerSettings.read(reader(Map.of("mp.jwt.verify.issuer", issuer,
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
        assertThat(BearerSettings.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContainingAll(
                "tessera.bearer.token-cache.enabled", "tessera.bearer.token-cache.max-entries",
                "tessera.bearer.token-cache.max-bytes");
    }

    @Test
    void everyKeyOfTheIssueIsRead() {
        BearerSettings settings = BearerSettings.read(reader(Map.ofEntries(
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
        assertThat(settings.issuers()).extracting(URI::toString)
                .containsExactly("https://a.example/realms/acme", "https://b.example/t1", "https://c.example/t2");
        assertThat(settings.audiences()).containsExactlyInAnyOrder("orders-api", "billing-api");
        assertThat(settings.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxTokenAge()).contains(Duration.ofHours(1));
        assertThat(settings.requireAccessTokenType()).isTrue();
        assertThat(settings.rolesClaims()).containsExactly("realm_access/roles", "scope");
        assertThat(settings.transport()).isEqualTo(TokenTransport.cookie("Bearer"));
        assertThat(settings.keyRefresh().minRefreshInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keyLocationAloneActivatesTheInboundSide() {
        BearerSettings settings = BearerSettings.read(reader(Map.of("mp.jwt.verify.publickey.location", "classpath:keys.pem"))).orElseThrow();
        assertThat(settings.issuers()).isEmpty();
        assertThat(settings.publicKeyLocation()).contains("classpath:keys.pem");
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
        assertThat(BearerSettings.read(config)).isEmpty();
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
        assertThat(BearerSettings.read(config).orElseThrow().rolesClaims()).containsExactly("https://example.com/roles");
        assertThat(config.hasProblems()).isFalse();
    }

    @Test
    void algorithmNamesMustBeSpelledExactly() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example", "mp.jwt.verify.publickey.algorithm", "rs256"));
        assertThat(BearerSettings.read(config)).isEmpty();
        assertThat(config.hasProblems()).isTrue();
    }

    @Test
    void encryptedTokensAreAClearConfigurationError() {
        ConfigReader config = reader(Map.of("mp.jwt.verify.issuer", "https://a.example", "mp.jwt.decrypt.key.location", "key.pem"));
        assertThat(BearerSettings.read(config)).isEmpty();
        assertThatThrownBy(config::throwIfProblems).hasMessageContaining("mp.jwt.decrypt.key.location");
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
        assertThatThrownBy(() -> new BearerSettings(List.of(URI.create("https://a.example")), Optional.empty(), Optional.empty(),
                java.util.Set.of(), java.util.Set.of(), Duration.ZERO, Optional.empty(), false, List.of("groups"),
                TokenTransport.AUTHORIZATION_HEADER, "r", 8192, KeyRefreshPolicy.DEFAULT, FetchPolicy.DEFAULT,
                TokenCacheSettings.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
