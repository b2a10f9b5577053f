package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.tessera.config.ClientConfig;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;

/** Unusable client configuration fails the deployment, naming the client and the key, never a secret. */
class ClientConfigurationTest {

    private static final String SECRET = "Sup3r-s3cret_value";

    private static List<String> problems(Set<String> injected, String... keyValues) {
        Map<String, String> properties = Clients.client("kaunt", keyValues);
        var config = Clients.config(properties);
        Set<String> names = new java.util.TreeSet<>(injected);
        names.addAll(ClientConfig.configuredNames(new ConfigReader(config)));
        List<String> problems = Clients.problems(config, names);
        assertThat(String.join("\n", problems)).doesNotContain(SECRET);
        return problems;
    }

    private static List<String> problems(String... keyValues) {
        return problems(Set.of(), keyValues);
    }

    @Test
    void aCompleteClientHasNoProblems() {
        assertThat(problems("token-endpoint", "https://auth.kaunt.example/oauth/token", "client-id", "app",
                "client-secret", SECRET, "auth-method", "client_secret_json", "audience", "https://api.kaunt.example/v1"))
                .isEmpty();
    }

    @Test
    void aClientWithoutEndpointIssuerOrTokenIsNamed() {
        assertThat(problems("client-id", "app", "client-secret", SECRET)).singleElement().asString()
                .startsWith("tessera.client.kaunt.token-endpoint: client 'kaunt' is not configured");
    }

    @Test
    void anInjectedClientWithoutConfigurationFailsTheDeployment() {
        assertThat(problems(Set.of("billing"), "token", "abc")).singleElement().asString()
                .startsWith("tessera.client.billing.token-endpoint: client 'billing' is not configured");
    }

    @Test
    void anEndpointAndAnIssuerTogetherAreContradictory() {
        assertThat(problems("token-endpoint", "https://a.example/token", "issuer", "https://a.example",
                "client-id", "app", "client-secret", SECRET)).singleElement().asString()
                .startsWith("tessera.client.kaunt.token-endpoint: client 'kaunt' sets more than one");
    }

    @Test
    void privateKeyJwtWithoutAKeyNamesTheKeyLocation() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt"))
                .singleElement().asString()
                .startsWith("tessera.client.kaunt.private-key.location: client 'kaunt' uses private_key_jwt and needs");
    }

    @Test
    void anUnknownAuthMethodListsTheKnownOnes() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "auth-method", "client_secret_jwt")).singleElement().asString()
                .startsWith("tessera.client.kaunt.auth-method: client 'kaunt': unknown auth method 'client_secret_jwt'")
                .contains("client_secret_basic", "client_secret_post", "client_secret_json", "private_key_jwt");
    }

    @Test
    void aSecretStyleWithoutSecretIsNamed() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app")).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.client-secret: client 'kaunt' needs a client secret for auth-method client_secret_basic");
    }

    @Test
    void aMissingClientIdIsNamed() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-secret", SECRET)).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.client-id: client 'kaunt' needs a client id");
    }

    @Test
    void aSecretNextToPrivateKeyJwtIsContradictory(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("k.json");
        Files.writeString(key, new RSAKeyGenerator(2048).generate().toJSONString());
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key.location", key.toString(), "client-secret", SECRET)).singleElement().asString()
                .startsWith("tessera.client.kaunt.client-secret: client 'kaunt' uses private_key_jwt, which sends no secret");
    }

    @Test
    void aFixedTokenWithRequestKeysIsContradictory() {
        assertThat(problems("token", "abc", "client-id", "app", "client-secret", SECRET))
                .containsExactlyInAnyOrder(
                        "tessera.client.kaunt.client-id: client 'kaunt' uses a fixed token; client-id would be ignored, remove it",
                        "tessera.client.kaunt.client-secret: client 'kaunt' uses a fixed token; client-secret would be ignored, remove it");
    }

    @Test
    void aMisspelledKeyIsReported() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "client-secert", SECRET)).singleElement().asString()
                .startsWith("tessera.client.kaunt.client-secert: unknown key of client 'kaunt'");
    }

    @Test
    void plainHttpIsRefusedExceptForLoopbackOrWhenAllowed() {
        assertThat(problems("token-endpoint", "http://auth.kaunt.example/token", "client-id", "app", "client-secret", SECRET))
                .singleElement().asString().startsWith("tessera.client.kaunt.token-endpoint: 'http://auth.kaunt.example/token' must use https");
        assertThat(problems("issuer", "http://auth.kaunt.example", "client-id", "app", "client-secret", SECRET))
                .singleElement().asString().startsWith("tessera.client.kaunt.issuer: ");
        assertThat(problems("token-endpoint", "http://127.0.0.1:8080/token", "client-id", "app", "client-secret", SECRET)).isEmpty();
        assertThat(problems("token-endpoint", "http://auth.kaunt.example/token", "client-id", "app", "client-secret", SECRET,
                "allow-insecure-http", "true")).isEmpty();
    }

    @Test
    void aPkcs1KeyIsRefusedWithAHowTo(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("k.pem");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key.location", key.toString())).singleElement().asString()
                .startsWith("tessera.client.kaunt.private-key.location: client 'kaunt': a PEM 'RSA PRIVATE KEY' is not supported")
                .contains("PKCS#8")
                .doesNotContain("MIIBOgIBAAJBAK");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key.location", "/nonexistent/key.pem")).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.private-key.location: client 'kaunt': cannot read the key file '/nonexistent/key.pem'");
    }

    @Test
    void anInlinePublicJwkIsNotASigningKey() throws Exception {
        String publicJwk = new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONString();
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key", publicJwk)).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.private-key: client 'kaunt': the JWK has no private part");
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsRefused() throws Exception {
        String jwk = new RSAKeyGenerator(2048).generate().toJSONString();
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key", jwk, "private-key.algorithm", "ES256")).singleElement().asString()
                .contains("an RSA key cannot sign ES256");
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key", jwk, "private-key.algorithm", "HS256")).singleElement().asString()
                .startsWith("tessera.client.kaunt.private-key.algorithm: client 'kaunt': 'HS256' is not supported");
    }

    @Test
    void marginsAndRetriesMustFitTogether() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "refresh-margin", "10s", "expiry-margin", "20s", "retry.initial-backoff", "5s", "retry.max-backoff", "1s",
                "retry.max-attempts", "0"))
                .extracting(p -> p.substring(0, p.indexOf(':')))
                .containsExactlyInAnyOrder("tessera.client.kaunt.expiry-margin", "tessera.client.kaunt.retry.initial-backoff",
                        "tessera.client.kaunt.retry.max-attempts");
    }

    @Test
    void theBasicEncodingIsFormOrRaw() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "basic-encoding", "raw")).isEmpty();
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "basic-encoding", "base64")).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.basic-encoding: client 'kaunt': must be form or raw, was 'base64'");
    }

    @Test
    void aBasicEncodingBesideAnotherAuthMethodIsContradictory() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "auth-method", "client_secret_post", "basic-encoding", "raw")).singleElement().asString()
                .startsWith("tessera.client.kaunt.basic-encoding: client 'kaunt' uses client_secret_post; basic-encoding is only");
    }

    @Test
    void aResourceThatIsNotAnAbsoluteUriIsNamed() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "resource", "/relative")).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.resource: client 'kaunt': '/relative' is not an absolute URI without fragment (RFC 8707 §2)");
    }

    @Test
    void aKeyGivenInlineAndAsLocationIsContradictory() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "auth-method", "private_key_jwt",
                "private-key", "{}", "private-key.location", "/k.pem")).singleElement().asString()
                .isEqualTo("tessera.client.kaunt.private-key: client 'kaunt': set exactly one of private-key and private-key.location");
    }

    @Test
    void reservedParametersCannotBeSetAsExtras() {
        assertThat(problems("token-endpoint", "https://a.example/token", "client-id", "app", "client-secret", SECRET,
                "param.client_secret", "x")).singleElement().asString()
                .startsWith("tessera.client.kaunt.param.client_secret: client 'kaunt': parameter 'client_secret' cannot be set");
    }

    @Test
    void anInvalidClientNameIsReported() {
        var config = Clients.config(Map.of());
        assertThat(Clients.problems(config, Set.of("kaunt api"))).singleElement().asString()
                .contains("client name 'kaunt api'");
    }

    @Test
    void everyProblemOfEveryClientIsReportedAtOnce() {
        Map<String, String> properties = new HashMap<>(Clients.client("a", "client-id", "x"));
        properties.putAll(Clients.client("b", "token-endpoint", "ftp://b.example"));
        var config = Clients.config(properties);
        List<String> problems = Clients.problems(config, ClientConfig.configuredNames(new ConfigReader(config)));

        assertThat(problems).anyMatch(p -> p.startsWith("tessera.client.a.token-endpoint"))
                .anyMatch(p -> p.startsWith("tessera.client.b.token-endpoint: must be an absolute http(s) URL"));
    }

    @Test
    void lookingUpAnUnconfiguredClientFailsWithTheConfigurationError() {
        TokenSources sources = new TokenSources(Clients.registry(Clients.config(Map.of()), Set.of(), Runnable::run, pause -> { }));

        assertThatThrownBy(() -> sources.source("kaunt")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tessera.client.kaunt.token-endpoint: client 'kaunt' is not configured");
    }
}
