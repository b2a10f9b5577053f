package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.MutableClock;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

/** Retries with backoff for transient failures; clear, secret-free errors for everything else. */
class TokenEndpointFailuresTest {

    private static final String SECRET = "Sup3r-s3cret_value";

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();
    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.start();
        issuer.registerClient("kaunt-app", SECRET);
        issuer.clock(clock);
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    private TokenSource source(String... extra) {
        List<String> keys = new ArrayList<>(List.of("token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "kaunt-app", "client-secret", SECRET));
        keys.addAll(List.of(extra));
        return Clients.source(clock, pauses, "kaunt", keys.toArray(String[]::new));
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffUntilTheEndpointRecovers() {
        issuer.enqueueTokenResponse(503, "text/plain", "down");
        issuer.enqueueTokenResponse(502, "text/html", "<html>bad gateway</html>");

        AccessToken token = source().token();

        assertThat(token.value()).isNotBlank();
        assertThat(issuer.requestCount("token")).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void tooManyRequestsIsRetried() {
        issuer.enqueueTokenResponse(429, "application/json", "{\"error\":\"slow_down\"}");

        assertThat(source().token().value()).isNotBlank();
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void retriesStopAfterTheConfiguredAttempts() {
        issuer.failWith(500);

        assertThatThrownBy(source("retry.max-attempts", "4", "retry.initial-backoff", "100ms", "retry.max-backoff", "300ms")::token)
                .isInstanceOf(TokenUnavailableException.class)
                .isNotInstanceOf(TokenRequestRefusedException.class)
                .hasMessage("client 'kaunt': the token endpoint answered HTTP 500 (4 attempts)");
        assertThat(issuer.requestCount("token")).isEqualTo(4);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }

    @Test
    void anUnreachableEndpointIsRetriedAndReported() {
        int port = TestIssuer.freePort();
        TokenSource source = Clients.source(clock, pauses, "kaunt", "token-endpoint", "http://127.0.0.1:" + port + "/token",
                "client-id", "kaunt-app", "client-secret", SECRET);

        assertThatThrownBy(source::token)
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageStartingWith("client 'kaunt': the token request failed")
                .hasMessageEndingWith("(3 attempts)")
                .hasMessageNotContaining(SECRET);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aSlowEndpointRunsIntoTheTimeout() {
        issuer.hang(); // answers only when released: the 500 ms deadline alone can end the request
        TokenSource source = source("http.connect-timeout", "200ms", "http.read-timeout", "300ms", "retry.max-attempts", "1");

        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertThatThrownBy(source::token)
                    .isInstanceOf(TokenUnavailableException.class)
                    .hasMessage("client 'kaunt': the token endpoint did not answer in time (1 attempt)");
        });
    }

    @Test
    void aWrongSecretIsRefusedOnceWithTheOAuthErrorAndWithoutTheSecret() {
        issuer.registerClient("kaunt-app", "another-secret");

        assertThatThrownBy(source()::token)
                .isInstanceOfSatisfying(TokenRequestRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_client");
                    assertThat(e.errorDescription()).isEmpty();
                    assertThat(e.clientName()).isEqualTo("kaunt");
                })
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining(SECRET);
        assertThat(issuer.requestCount("token")).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void theErrorDescriptionIsSurfacedWithTheSecretMasked() {
        issuer.enqueueTokenResponse(400, "application/json",
                "{\"error\":\"invalid_scope\",\"error_description\":\"scope 'admin' not allowed for " + SECRET + "\\n\"}");

        assertThatThrownBy(source("scope", "admin")::token)
                .isInstanceOfSatisfying(TokenRequestRefusedException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_scope");
                    assertThat(e.errorDescription()).contains("scope 'admin' not allowed for ***?");
                })
                .hasMessageContaining("error=invalid_scope")
                .hasMessageNotContaining(SECRET);
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void aResponseWithoutAccessTokenIsAClearError() {
        issuer.enqueueTokenResponse(200, "application/json", "{\"token_type\":\"Bearer\",\"expires_in\":300}");

        assertThatThrownBy(source()::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessage("client 'kaunt': the token response has no access_token");
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void aMacTokenIsRefused() {
        issuer.enqueueTokenResponse(200, "application/json", "{\"access_token\":\"abc\",\"token_type\":\"mac\"}");

        assertThatThrownBy(source()::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessage("client 'kaunt': the token_type is 'mac'; only Bearer tokens are supported");
    }

    @Test
    void theTokenTypeIsComparedCaseInsensitively() {
        issuer.enqueueTokenResponse(200, "application/json",
                "{\"access_token\":\"abc.def\",\"token_type\":\"bEARER\",\"expires_in\":\"120\"}");

        AccessToken token = source().token();

        assertThat(token.authorization()).isEqualTo("Bearer abc.def");
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(120));
    }

    @Test
    void aMissingTokenTypeIsRefused() {
        issuer.enqueueTokenResponse(200, "application/json", "{\"access_token\":\"abc\"}");

        assertThatThrownBy(source()::token).hasMessage("client 'kaunt': the token response has no token_type (RFC 6749 §5.1)");
    }

    @Test
    void anHtmlPageIsNotAToken() {
        issuer.enqueueTokenResponse(200, "text/html", "<html><body>Login</body></html>");

        assertThatThrownBy(source()::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessage("client 'kaunt': the token response is not a JSON object (Content-Type text/html)");
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void anAccessTokenThatCouldBreakTheHeaderIsRefused() {
        issuer.enqueueTokenResponse(200, "application/json", "{\"access_token\":\"abc\\r\\nX-Evil: 1\",\"token_type\":\"Bearer\"}");

        assertThatThrownBy(source()::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("RFC 6750 §2.1");
    }

    @Test
    void aNonPositiveExpiresInIsRefused() {
        issuer.enqueueTokenResponse(200, "application/json", "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":0}");

        assertThatThrownBy(source()::token).hasMessageContaining("expires_in");
    }

    @Test
    void aClientErrorWithoutOAuthBodyIsNotRetried() {
        issuer.enqueueTokenResponse(404, "text/html", "<html>not found</html>");

        assertThatThrownBy(source()::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessage("client 'kaunt': the token endpoint answered HTTP 404 without an OAuth error response"
                        + " (Content-Type text/html)");
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }
}
