package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;

/** The user's tokens in the session: use, refresh (single flight, rotation), a refused refresh, forgetting. */
class SessionTokenSourceTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private TestIssuer issuer;
    private SessionTokenSource source;

    @BeforeEach
    void build() {
        issuer = TestIssuer.start();
        TokenSourceRegistry registry = TokenSourceRegistry.of(Clients.config(Clients.client("kanbert", "grant",
                "authorization_code", "authorization-endpoint", "https://api.kanbert.com/oauth/authorize", "token-endpoint",
                issuer.tokenEndpoint().toString(), "client-id", "app", "redirect-uri", "https://app.example/app/cb",
                "http.read-timeout", "30s", "token-timeout", "30s")), Set.of("kanbert"), clock, pause -> { }, () -> 0,
                Runnable::run);
        source = (SessionTokenSource) registry.source("kanbert");
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void withoutTokensTheUserMustAuthorize() {
        assertThatThrownBy(() -> inRequest(source::token)).isInstanceOfSatisfying(AuthorizationRequiredException.class,
                e -> assertThat(e.startPath("/app/page")).isEqualTo("/app/oauth/kanbert/start?return=%2Fapp%2Fpage"));
    }

    @Test
    void aValidTokenIsUsedWithoutARequest() {
        store("at-1", "rt-1", Duration.ofHours(1));
        assertThat(inRequest(source::token).value()).isEqualTo("at-1");
        assertThat(issuer.tokenRequests()).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRotatedRefreshTokenReplacesTheOld() {
        store("at-1", "rt-1", Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        issuer.enqueueTokenResponse(200, "application/json",
                "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":600,\"refresh_token\":\"rt-2\"}");

        assertThat(inRequest(source::token).value()).isEqualTo("at-2");

        SessionTokens stored = (SessionTokens) attributes.get(SessionTokenSource.tokensAttribute("kanbert"));
        assertThat(stored.refreshToken()).isEqualTo("rt-2");
        assertThat(stored.grantId()).isEqualTo("grant-1");
        assertThat(issuer.tokenRequests().get(0).body()).contains("refresh_token=rt-1");
    }

    @Test
    void concurrentRequestsOfOneUserShareOneRefresh() throws Exception {
        store("at-1", "rt-1", Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        issuer.enqueueTokenResponse(200, "application/json",
                "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":600,\"refresh_token\":\"rt-2\"}");
        // the first refresh is held at the provider while the second request arrives; a second refresh with the
        // (then rotated) rt-1 would get the issuer's default answer, an error
        issuer.delay(Duration.ofSeconds(3));
        CompletableFuture<AccessToken> first = CompletableFuture.supplyAsync(() -> inRequest(source::token));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (issuer.requestCount("token") == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        AccessToken second = inRequest(source::token);

        assertThat(first.get(30, TimeUnit.SECONDS).value()).isEqualTo("at-2");
        assertThat(second.value()).isEqualTo("at-2");
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshDropsTheTokens() {
        store("at-1", "rt-1", Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        issuer.enqueueTokenResponse(400, "application/json", "{\"error\":\"invalid_grant\"}");

        assertThatThrownBy(() -> inRequest(source::token)).isInstanceOf(AuthorizationRequiredException.class)
                .hasMessageContaining("invalid_grant").hasMessageNotContaining("rt-1");
        assertThat(attributes).doesNotContainKey(SessionTokenSource.tokensAttribute("kanbert"));
    }

    @Test
    void anUnreachableProviderKeepsTheTokensForTheNextTry() {
        store("at-1", "rt-1", Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        issuer.enqueueTokenResponse(503, "text/plain", "down");

        assertThatThrownBy(() -> inRequest(source::token)).isInstanceOf(TokenUnavailableException.class)
                .isNotInstanceOf(AuthorizationRequiredException.class);
        assertThat(attributes).containsKey(SessionTokenSource.tokensAttribute("kanbert"));
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenRestartsTheAuthorization() {
        store("at-1", null, Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> inRequest(source::token)).isInstanceOf(AuthorizationRequiredException.class);
        assertThat(issuer.tokenRequests()).isEmpty();
    }

    @Test
    void forgettingDropsTheTokens() {
        store("at-1", "rt-1", Duration.ofHours(1));
        inRequest(() -> {
            source.forget();
            return null;
        });
        assertThat(inRequest(source::isAuthorized)).isFalse();
    }

    @Test
    void invalidatingTheTokenMakesTheNextUseRefresh() {
        store("at-1", "rt-1", Duration.ofHours(1));
        issuer.enqueueTokenResponse(200, "application/json",
                "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":600}");
        AccessToken first = inRequest(source::token);
        inRequest(() -> {
            source.invalidate(first);
            return null;
        });
        assertThat(inRequest(source::token).value()).isEqualTo("at-2");
        // no refresh_token in the answer: the old one is kept
        assertThat(((SessionTokens) attributes.get(SessionTokenSource.tokensAttribute("kanbert"))).refreshToken()).isEqualTo("rt-1");
    }

    private void store(String access, String refresh, Duration lifetime) {
        attributes.put(SessionTokenSource.tokensAttribute("kanbert"), new SessionTokens("grant-1", access, clock.instant(),
                clock.instant().plus(lifetime), List.of(), refresh, null));
    }

    /** Runs {@code work} as CurrentRequest runs a request of the application, with a session over {@link #attributes}. */
    private <T> T inRequest(Supplier<T> work) {
        HttpSession session = proxy(HttpSession.class, (method, args) -> switch (method) {
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "removeAttribute" -> attributes.remove((String) args[0]);
            default -> throw new UnsupportedOperationException(method);
        });
        HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
            case "getSession" -> session;
            case "getContextPath" -> "/app";
            default -> throw new UnsupportedOperationException(method);
        });
        // committed: CurrentRequest then passes AuthorizationRequiredException on instead of answering it
        HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
            if (method.equals("isCommitted")) {
                return true;
            }
            throw new UnsupportedOperationException(method);
        });
        Object[] result = new Object[1];
        try {
            new CurrentRequest().doFilter(request, response, (req, res) -> result[0] = work.get());
        } catch (java.io.IOException | jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> handler.handle(method.getName(), args)));
    }
}
