package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.tessera.config.BasicEncoding;
import dev.tessera.config.ClientSettings;

/** Secrets and tokens never show up in toString(). */
class RedactionTest {

    private static final String SECRET = "Sup3r-s3cret_value";

    @Test
    void anAccessTokenHidesItsValue() {
        AccessToken token = AccessToken.bearer("eyJ.secret-token.value", Instant.parse("2030-01-01T00:00:00Z"), Set.of("read"));

        assertThat(token.toString()).doesNotContain("secret-token")
                .isEqualTo("AccessToken[type=Bearer, expiresAt=2030-01-01T00:00:00Z, scope=[read], value=***]");
    }

    @Test
    void clientSettingsHideTheSecret() {
        ClientSettings settings = Clients.settings("kaunt", "token-endpoint", "https://auth.kaunt.example/oauth/token",
                "client-id", "app", "client-secret", SECRET, "param.api_key", SECRET);

        assertThat(settings.toString()).contains("clientId=app", "secret=***").doesNotContain(SECRET);
        assertThat(((ClientSettings.Requested) settings).request().grant().toString()).doesNotContain(SECRET);
    }

    @Test
    void clientSettingsHideAFixedToken() {
        assertThat(Clients.settings("kaunt", "token", SECRET).toString()).contains("token=***").doesNotContain(SECRET);
    }

    @Test
    void clientSettingsHideAnInlinePrivateKey() throws Exception {
        String jwk = new RSAKeyGenerator(2048).generate().toJSONString();
        ClientSettings settings = Clients.settings("kaunt", "token-endpoint", "https://a.example/token", "client-id", "app",
                "auth-method", "private_key_jwt", "private-key", jwk);

        assertThat(settings.toString()).contains("value=***").doesNotContain(jwk.substring(10, 40));
    }

    @Test
    void aTokenRequestHidesItsBody() {
        TokenRequest request = new ClientSecretPost("app", SECRET).request(URI.create("https://a.example/token"),
                List.of(Map.entry("grant_type", "client_credentials")), Instant.EPOCH);

        assertThat(request.toString()).doesNotContain(SECRET);
        assertThat(new ClientSecretBasic("app", SECRET, BasicEncoding.FORM, "key").toString()).isEqualTo("client_secret_basic");
    }
}
