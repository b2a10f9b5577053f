package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.observation.RecordingObserver;
import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;

/**
 * What a readiness probe learns of an outbound client, and what it costs the token endpoint: a probe reads state and
 * starts at most the one request a caller would start now. Requests run on the calling thread here, so a probe's
 * request has ended when it returns.
 */
class TokenSourceStatusTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingObserver observer = new RecordingObserver();
    private TestIssuer issuer;
    private TokenSourceRegistry registry;

    @BeforeEach
    void start() {
        issuer = TestIssuer.start();
        issuer.registerClient("kaunt-app", "s3cret");
        issuer.clock(clock);
        registry = TokenSourceRegistry.of(Clients.config(Clients.client("kaunt", "token-endpoint",
                issuer.tokenEndpoint().toString(), "client-id", "kaunt-app", "client-secret", "s3cret")),
                Set.of("kaunt"), clock, pause -> { }, () -> 0, Runnable::run, observer);
    }

    @AfterEach
    void stop() {
        registry.close();
        issuer.close();
    }

    @Test
    void theFirstProbeObtainsATokenAndLaterProbesAskForNothing() {
        TokenSourceStatus first = registry.status("kaunt").orElseThrow();
        for (int i = 0; i < 50; i++) {
            registry.status("kaunt");
        }
        TokenSourceStatus later = registry.status("kaunt").orElseThrow();

        assertThat(first.tokenHeld()).isTrue();
        assertThat(later.tokenObtainable()).isTrue();
        assertThat(later.tokenExpiresAt()).contains(NOW.plusSeconds(300));
        assertThat(later.lastFailure()).isEmpty();
        assertThat(issuer.requestCount("token")).isEqualTo(1);
        assertThat(observer.events()).containsExactly("request kaunt success");
    }

    @Test
    void aFailingEndpointIsReportedWithSinceWhenAndTheNextAttemptAndProbesDoNotHammerIt() {
        issuer.failWith(503);
        registry.status("kaunt");
        int requestsOfTheFailedCycle = issuer.requestCount("token");
        for (int i = 0; i < 50; i++) {
            registry.status("kaunt"); // a storm of probes during the hold-off
        }
        TokenSourceStatus down = registry.status("kaunt").orElseThrow();

        assertThat(down.tokenObtainable()).isFalse();
        assertThat(down.tokenHeld()).isFalse();
        assertThat(down.failingSince()).contains(NOW);
        assertThat(down.nextAttempt()).contains(NOW.plus(TokenBackoff.FIRST_HOLD_OFF));
        assertThat(down.lastFailure()).hasValueSatisfying(failure -> assertThat(failure)
                .contains("kaunt").contains("503").doesNotContain("s3cret"));
        assertThat(issuer.requestCount("token")).isEqualTo(requestsOfTheFailedCycle);

        issuer.recover();
        clock.advance(TokenBackoff.FIRST_HOLD_OFF);
        TokenSourceStatus back = registry.status("kaunt").orElseThrow();

        assertThat(back.tokenHeld()).isTrue();
        assertThat(back.lastFailure()).isEmpty();
        assertThat(back.failingSince()).isEmpty();
        assertThat(back.nextAttempt()).isEmpty();
        assertThat(observer.events()).containsExactly("request kaunt failure", "request kaunt success");
        assertThat(observer.latencies()).allSatisfy(latency -> assertThat(latency).isPositive());
    }

    @Test
    void aRefusingEndpointCountsAsRefused() {
        TokenSourceRegistry wrongSecret = TokenSourceRegistry.of(Clients.config(Clients.client("kaunt", "token-endpoint",
                issuer.tokenEndpoint().toString(), "client-id", "kaunt-app", "client-secret", "wrong")),
                Set.of("kaunt"), clock, pause -> { }, () -> 0, Runnable::run, observer);
        try {
            TokenSourceStatus refused = wrongSecret.status("kaunt").orElseThrow();

            assertThat(refused.tokenObtainable()).isFalse();
            assertThat(observer.events()).containsExactly("request kaunt refused");
        } finally {
            wrongSecret.close();
        }
    }

    @Test
    void anUnknownClientHasNoStatus() {
        assertThat(registry.status("other")).isEmpty();
    }
}
