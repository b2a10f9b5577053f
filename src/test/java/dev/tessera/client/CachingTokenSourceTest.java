package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.MutableClock;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

/** Caching, refresh ahead of expiry, single flight and riding out endpoint failures. */
class CachingTokenSourceTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private TestIssuer issuer;
    private ExecutorService pool;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.start();
        issuer.registerClient("kaunt-app", "s3cret");
        issuer.clock(clock);
    }

    @AfterEach
    void stop() throws InterruptedException {
        issuer.close();
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(Patience.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    private TokenSource source(String... extra) {
        return Clients.source(clock, null, "kaunt", keys(extra));
    }

    private String[] keys(String... extra) {
        List<String> keys = new ArrayList<>(List.of("token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "kaunt-app", "client-secret", "s3cret"));
        keys.addAll(List.of(extra));
        return keys.toArray(String[]::new);
    }

    @Test
    void aCachedTokenIsServedWithoutAnotherRequest() {
        TokenSource source = source();

        AccessToken first = source.token();
        clock.advance(Duration.ofSeconds(200));

        assertThat(source.token()).isSameAs(first);
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void theTokenIsRefreshedAheadOfExpiryWhileCallersKeepTheCurrentOne() {
        TokenSource source = source("refresh-margin", "60s", "expiry-margin", "10s");
        AccessToken first = source.token();

        clock.advance(Duration.ofSeconds(241)); // 59 s before expiry: inside the refresh margin
        AccessToken during = source.token();
        AccessToken after = source.token();

        assertThat(during).isSameAs(first);
        assertThat(after).isNotEqualTo(first);
        assertThat(after.expiresAt()).isEqualTo(NOW.plusSeconds(241 + 300));
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void callersDoNotWaitForABackgroundRefresh() throws InterruptedException {
        pool = Executors.newCachedThreadPool();
        // a caller that waited for the refresh would wait five minutes, far beyond the bound asserted below
        TokenSource source = Clients.source(clock, null, pool, "kaunt",
                keys("refresh-margin", "60s", "http.read-timeout", "5m", "token-timeout", "5m"));
        AccessToken first = source.token();
        issuer.hang(); // the refresh cannot end before the test releases it
        clock.advance(Duration.ofSeconds(250));

        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertThat(source.token()).isSameAs(first);
            assertThat(source.token()).isSameAs(first);
        });
        Patience.await("the refresh reaches the token endpoint", () -> issuer.requestCount("token") == 2);
        assertThat(source.token()).isSameAs(first); // while the refresh is held there

        issuer.recover();
        Patience.await("the refreshed token replaces the first", () -> !source.token().equals(first));
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void aTokenCloseToExpiryIsNotHandedOut() {
        TokenSource source = source("refresh-margin", "60s", "expiry-margin", "10s");
        AccessToken first = source.token();

        clock.advance(Duration.ofSeconds(295)); // 5 s before expiry: inside the expiry margin

        AccessToken next = source.token();
        assertThat(next).isNotEqualTo(first);
        assertThat(next.expiresAt()).isEqualTo(NOW.plusSeconds(295 + 300));
    }

    @Test
    void aMissingExpiresInMeansTheDefaultLifetime() {
        issuer.tokenLifetime(null);
        AccessToken token = source("default-lifetime", "2m").token();

        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    }

    @Test
    void shortLivedTokensAreStillUsedForHalfTheirLifetime() {
        issuer.tokenLifetime(Duration.ofSeconds(20));
        TokenSource source = source("refresh-margin", "60s", "expiry-margin", "30s");
        AccessToken first = source.token();

        clock.advance(Duration.ofSeconds(9));
        assertThat(source.token()).isSameAs(first);
        assertThat(issuer.requestCount("token")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2)); // 11 s: past half the lifetime, refreshed ahead
        source.token();
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void anInvalidatedTokenIsReplacedOnTheNextCall() {
        TokenSource source = source();
        AccessToken first = source.token();

        source.invalidate(first);

        assertThat(source.token()).isNotEqualTo(first);
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void invalidatingAnOlderTokenKeepsTheCurrentOne() {
        TokenSource source = source();
        AccessToken first = source.token();
        source.invalidate(first);
        AccessToken second = source.token();

        source.invalidate(first);

        assertThat(source.token()).isSameAs(second);
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void aHundredConcurrentFirstCallersCauseExactlyOneTokenRequest() throws Exception {
        pool = Executors.newFixedThreadPool(101);
        issuer.delay(Duration.ofMillis(300)); // more callers overlap the request; the outcome is the same either way
        TokenSource source = Clients.source(clock, null, pool, "kaunt", keys());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return source.token();
            }));
        }

        start.countDown();
        Set<AccessToken> tokens = new java.util.HashSet<>();
        for (Future<AccessToken> result : results) {
            tokens.add(result.get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        assertThat(tokens).hasSize(1);
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void callersWaitOnlyUpToTheTokenTimeout() {
        pool = Executors.newCachedThreadPool();
        issuer.hang(); // the endpoint answers only when released, and the request itself may take five minutes
        TokenSource source = Clients.source(clock, null, pool, "kaunt", keys("token-timeout", "200ms", "http.read-timeout", "5m"));

        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertThatThrownBy(source::token)
                    .isInstanceOf(TokenUnavailableException.class)
                    .hasMessageContaining("client 'kaunt'")
                    .hasMessageContaining("no token within 200 ms");
        });
    }

    @Test
    void aFailedRefreshKeepsServingTheStillValidToken() {
        TokenSource source = source("refresh-margin", "60s", "expiry-margin", "10s");
        AccessToken first = source.token();
        issuer.failWith(503);

        clock.advance(Duration.ofSeconds(250)); // refresh ahead fails: held off for 5 s
        assertThat(source.token()).isSameAs(first);
        clock.advance(Duration.ofSeconds(45)); // 5 s before expiry: must wait for a new one, which fails too: held off for 10 s
        assertThat(source.token()).isSameAs(first);
        int failedRequests = issuer.requestCount("token");

        issuer.recover();
        clock.advance(Duration.ofSeconds(4));
        assertThat(source.token()).isSameAs(first);
        assertThat(issuer.requestCount("token")).isEqualTo(failedRequests);
        clock.advance(Duration.ofSeconds(1)); // expired, and the hold-off lasts until 10:05:05
        assertThatThrownBy(source::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessageEndingWith("no new token request before 2030-01-01T10:05:05Z");
        clock.advance(Duration.ofSeconds(5));
        assertThat(source.token()).isNotEqualTo(first);
        assertThat(issuer.requestCount("token")).isEqualTo(failedRequests + 1);
    }

    @Test
    void anExpiredTokenIsNeverServedWhenTheEndpointIsDown() {
        TokenSource source = source("retry.max-attempts", "1");
        source.token();
        issuer.failWith(503);

        clock.advance(Duration.ofSeconds(300));

        assertThatThrownBy(source::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void theEndpointIsAskedAgainAfterTheHoldOffOfAFailure() {
        TokenSource source = source("retry.max-attempts", "1");
        issuer.failWith(500);
        assertThatThrownBy(source::token).isInstanceOf(TokenUnavailableException.class);

        issuer.recover();
        clock.advance(TokenBackoff.FIRST_HOLD_OFF);

        assertThat(source.token().value()).isNotBlank();
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }
}
