package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * A failing token endpoint is not hammered: fifty concurrent callers cause one request cycle per back-off step,
 * and callers within a back-off period get the remembered failure at once. The clock is moved by hand and retry
 * pauses are recorded, not slept, so nothing here races the wall clock.
 */
class TokenEndpointBackoffTest {

    private static final int CALLERS = 50;
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<Duration> pauses = new ArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    private final ExecutorService tokenRequests = Executors.newCachedThreadPool();
    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.start();
        issuer.registerClient("kaunt-app", "s3cret");
        issuer.clock(clock);
    }

    @AfterEach
    void stop() throws InterruptedException {
        issuer.close();
        callers.shutdownNow();
        tokenRequests.shutdownNow();
        assertThat(callers.awaitTermination(Patience.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(tokenRequests.awaitTermination(Patience.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private TokenSource source(String... extra) {
        List<String> keys = new ArrayList<>(List.of("token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "kaunt-app", "client-secret", "s3cret"));
        keys.addAll(List.of(extra));
        return Clients.source(clock, pauses, tokenRequests, "kaunt", keys.toArray(String[]::new));
    }

    /** What each of fifty callers, started together, got: a token or the exception thrown. */
    private List<Object> fiftyCallers(TokenSource source) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(callers.submit(() -> {
                start.await();
                try {
                    return source.token();
                } catch (TokenUnavailableException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> result : results) {
            outcomes.add(result.get(Patience.WAIT.multipliedBy(2).toSeconds(), TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void aServerErrorCausesOneRequestCyclePerBackOffStep() throws Exception {
        issuer.failWith(500);
        TokenSource source = source();

        assertThat(fiftyCallers(source)).hasSize(CALLERS).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOf(TokenUnavailableException.class).asString().contains("HTTP 500"));
        assertThat(issuer.requestCount("token")).isEqualTo(3);

        clock.advance(Duration.ofMillis(4999));
        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(TokenUnavailableException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("client 'kaunt': the token endpoint answered HTTP 500 (3 attempts);"
                            + " no new token request before 2030-01-01T10:00:05Z");
                    assertThat(e.nextAttempt()).contains(NOW.plusSeconds(5));
                }));
        assertThat(issuer.requestCount("token")).isEqualTo(3);

        clock.advance(Duration.ofMillis(1));
        fiftyCallers(source);
        assertThat(issuer.requestCount("token")).isEqualTo(6);

        clock.advance(Duration.ofMillis(9999)); // the second failed cycle doubles the back-off to 10 s
        fiftyCallers(source);
        assertThat(issuer.requestCount("token")).isEqualTo(6);
        clock.advance(Duration.ofMillis(1));
        fiftyCallers(source);
        assertThat(issuer.requestCount("token")).isEqualTo(9);
    }

    @Test
    void tooManyRequestsWithRetryAfterIsNotAskedAgainBeforeThen() throws Exception {
        issuer.failWith(429, Map.of("Retry-After", "30"));
        TokenSource source = source();

        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOf(TokenUnavailableException.class).asString().contains("HTTP 429"));
        assertThat(issuer.requestCount("token")).isEqualTo(1);
        assertThat(pauses).isEmpty();

        clock.advance(Duration.ofSeconds(29));
        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome).asString()
                .contains("no new token request before 2030-01-01T10:00:30Z"));
        assertThat(issuer.requestCount("token")).isEqualTo(1);

        issuer.recover();
        clock.advance(Duration.ofSeconds(1));
        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(AccessToken.class));
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void aShortRetryAfterIsWaitedForWithinTheRequestCycle() throws Exception {
        issuer.failWith(503, Map.of("Retry-After", "1"));
        TokenSource source = source("retry.initial-backoff", "100ms");

        fiftyCallers(source);

        assertThat(issuer.requestCount("token")).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aWrongSecretIsRememberedBriefly() throws Exception {
        issuer.registerClient("kaunt-app", "another-secret");
        TokenSource source = source();

        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(TokenRequestRefusedException.class, e -> assertThat(e.error()).isEqualTo("invalid_client")));
        assertThat(issuer.requestCount("token")).isEqualTo(1);

        clock.advance(Duration.ofMillis(4999));
        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(TokenRequestRefusedException.class, e -> assertThat(e.getMessage())
                        .contains("error=invalid_client", "no new token request before 2030-01-01T10:00:05Z")));
        assertThat(issuer.requestCount("token")).isEqualTo(1);

        issuer.registerClient("kaunt-app", "s3cret");
        clock.advance(Duration.ofMillis(1));
        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(AccessToken.class));
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void aStillValidTokenIsServedWhileItsRefreshFails() throws Exception {
        TokenSource source = source("refresh-margin", "60s", "expiry-margin", "10s");
        AccessToken first = source.token();
        issuer.failWith(500);
        clock.advance(Duration.ofSeconds(250)); // inside the refresh margin

        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome).isSameAs(first));
        // the background refresh runs on another thread: wait for its three attempts
        Patience.await("the refresh's three attempts", () -> issuer.requestCount("token") == 1 + 3);
        clock.advance(Duration.ofSeconds(4));
        assertThat(fiftyCallers(source)).allSatisfy(outcome -> assertThat(outcome).isSameAs(first));

        assertThat(issuer.requestCount("token")).isEqualTo(1 + 3);
    }
}
