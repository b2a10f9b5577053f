package dev.tessera.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.issuer.Discovery;
import dev.tessera.issuer.HttpFetcher;
import dev.tessera.issuer.JwksKeySource;
import dev.tessera.issuer.KeySetStatus;
import dev.tessera.testing.MutableClock;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

/**
 * What the readiness check of a trusted issuer reports, read from a real key source of the in-process issuer. The
 * source fetches on the calling thread, so a fetch that a probe starts has ended when the probe returns; time is a
 * {@link MutableClock}.
 */
class IssuerReadinessTest {

    private static final Duration MIN_REFRESH = Duration.ofSeconds(30);
    private static final KeyRefreshPolicy REFRESH = Patience.waitingLong(new KeyRefreshPolicy(
            Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1), MIN_REFRESH));

    private static TestIssuer issuer;
    private final MutableClock clock = MutableClock.fixed();
    private final HttpFetcher fetcher = new HttpFetcher(Patience.fetches(16 * 1024));
    private JwksKeySource source;
    private IssuerReadiness check;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @AfterEach
    void reset() {
        fetcher.close();
        issuer.recover();
        issuer.resetCounts();
    }

    private void checkOf() {
        source = JwksKeySource.forIssuer(issuer.issuer(), new Discovery(fetcher), fetcher, REFRESH, clock, Runnable::run);
        check = new IssuerReadiness(Optional.of(issuer.issuer().toString()), () -> Optional.of(source.status()));
    }

    @Test
    void isNamedAfterTheIssuer() {
        checkOf();

        assertThat(check.name()).isEqualTo("tessera-issuer:" + issuer.issuer());
        assertThat(check.call().getName()).isEqualTo(check.name());
        assertThat(new IssuerReadiness(Optional.empty(), () -> Optional.of(KeySetStatus.configured(1))).name())
                .isEqualTo("tessera-keys");
    }

    @Test
    void isUpWithTheKeysOnceTheyAreKnown() {
        checkOf();
        check.call(); // the first probe starts the first fetch
        Instant fetched = clock.instant();
        clock.advance(Duration.ofSeconds(3));

        HealthCheckResponse up = check.call();

        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(data(up)).containsExactly(Map.entry("issuer", issuer.issuer().toString()),
                Map.entry("keys", (long) source.publishedKids().size()), Map.entry("fetchedAt", fetched.toString()));
        assertThat(source.publishedKids()).isNotEmpty();
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void isDownWhileNoKeysWereEverFetchedSayingSinceWhenWhyAndWhenNext() {
        issuer.failWith(503);
        checkOf();
        Instant failedAt = clock.instant();
        check.call();
        int requests = issuer.requestCount("openid-configuration") + issuer.requestCount("oauth-authorization-server");
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            check.call(); // a storm of probes within the back-off
        }

        HealthCheckResponse down = check.call();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(down)).containsOnlyKeys("issuer", "keys", "failingSince", "lastFailure", "nextAttempt")
                .containsEntry("keys", 0L)
                .containsEntry("failingSince", failedAt.toString())
                .containsEntry("nextAttempt", failedAt.plus(MIN_REFRESH).toString());
        assertThat((String) data(down).get("lastFailure")).contains("503");
        assertThat(issuer.requestCount("openid-configuration") + issuer.requestCount("oauth-authorization-server"))
                .isEqualTo(requests);

        issuer.recover();
        clock.advance(MIN_REFRESH);
        check.call(); // the next attempt, once due
        HealthCheckResponse back = check.call();

        assertThat(back.getStatus()).isEqualTo(Status.UP);
        assertThat(data(back)).doesNotContainKeys("failingSince", "lastFailure", "nextAttempt");
    }

    @Test
    void staysUpOnTheLastGoodKeysWhileRefreshingFailsAndSaysSinceWhen() {
        checkOf();
        check.call();
        Instant fetched = clock.instant();
        issuer.failWith(503);
        clock.advance(Duration.ofMinutes(11)); // the keys are due for refresh: the next probe starts one
        Instant failedAt = clock.instant();
        check.call();

        HealthCheckResponse stale = check.call();

        assertThat(stale.getStatus()).isEqualTo(Status.UP);
        assertThat(data(stale)).containsEntry("fetchedAt", fetched.toString())
                .containsEntry("failingSince", failedAt.toString())
                .containsEntry("nextAttempt", failedAt.plus(MIN_REFRESH).toString())
                .containsKey("lastFailure");
        assertThat((long) data(stale).get("keys")).isPositive();
    }

    @Test
    void isDownWhenBearerAuthenticationIsNotRunning() {
        IssuerReadiness idle = new IssuerReadiness(Optional.of("https://idp.example"), Optional::empty);

        HealthCheckResponse down = idle.call();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(down)).containsExactly(Map.entry("issuer", "https://idp.example"),
                Map.entry("state", "bearer authentication is not running"));
    }

    @Test
    void configuredKeysAreUpAndHaveNoFetchData() {
        IssuerReadiness configured = new IssuerReadiness(Optional.empty(), () -> Optional.of(KeySetStatus.configured(2)));

        HealthCheckResponse up = configured.call();

        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(data(up)).containsExactly(Map.entry("keys", 2L));
    }

    static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }
}
