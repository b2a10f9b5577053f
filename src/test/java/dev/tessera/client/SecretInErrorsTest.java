package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;

/**
 * A token endpoint that echoes the request in its error never gets the client secret into an exception message,
 * in any encoding the request carried it in.
 */
class SecretInErrorsTest {

    private static final String ID = "kaunt-app";
    private static final String SECRET = "p+ss/w=rd%\"ä\\x";

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.start();
        issuer.clock(clock);
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    private Throwable refusalEchoing(String echoed, String... extra) {
        issuer.enqueueTokenResponse(401, "application/json",
                "{\"error\":\"invalid_client\",\"error_description\":\"bad credentials: " + echoed.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        List<String> keys = new java.util.ArrayList<>(List.of("token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET));
        keys.addAll(List.of(extra));
        TokenSource source = Clients.source(clock, null, "kaunt", keys.toArray(String[]::new));
        return org.assertj.core.api.Assertions.catchThrowable(source::token);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRawSecretIsMasked() {
        assertThat(refusalEchoing("secret=" + SECRET)).isInstanceOf(TokenRequestRefusedException.class)
                .hasMessageContaining("bad credentials").hasMessageNotContaining("ss/w=rd");
    }

    @Test
    void theFormEncodedSecretIsMasked() {
        assertThat(refusalEchoing("grant_type=client_credentials&client_secret=" + form(SECRET), "auth-method", "client_secret_post"))
                .hasMessageContaining("bad credentials").hasMessageNotContaining(form(SECRET)).hasMessageNotContaining("ss%2Fw");
    }

    @Test
    void theBasicHeaderOfTheFormEncodingIsMasked() {
        String header = base64(form(ID) + ":" + form(SECRET));
        assertThat(refusalEchoing("Authorization: Basic " + header)).hasMessageContaining("bad credentials")
                .hasMessageNotContaining(header.substring(0, 20));
    }

    @Test
    void theBasicHeaderOfTheRawEncodingIsMasked() {
        String header = base64(ID + ":" + SECRET);
        assertThat(refusalEchoing("Authorization: Basic " + header, "basic-encoding", "raw")).hasMessageContaining("bad credentials")
                .hasMessageNotContaining(header.substring(0, 20));
    }

    @Test
    void theJsonEscapedSecretIsMasked() {
        String escaped = SECRET.replace("\\", "\\\\").replace("\"", "\\\"");
        assertThat(refusalEchoing("{\"client_secret\":\"" + escaped + "\"}", "auth-method", "client_secret_json"))
                .hasMessageContaining("bad credentials").hasMessageNotContaining("ss/w=rd").hasMessageNotContaining("ss\\/w=rd");
    }

    @Test
    void aNonJsonErrorBodyIsReportedByStatusAndContentTypeOnly() {
        issuer.enqueueTokenResponse(401, "text/plain", "client_secret=" + SECRET);
        TokenSource source = Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET);

        assertThatThrownBy(source::token).hasMessage("client 'kaunt': the token endpoint answered HTTP 401 without an"
                + " OAuth error response (Content-Type text/plain)");
    }
}
