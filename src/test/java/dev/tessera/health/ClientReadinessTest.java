package dev.tessera.health;

import static dev.tessera.health.IssuerReadinessTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.client.ClientStatuses;
import dev.tessera.client.TokenSourceStatus;
import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;

/**
 * What the readiness check of an outbound client reports, read from a real token source that asks the in-process
 * issuer's token endpoint. Token requests run on the calling thread, so a request a probe starts has ended when the
 * probe returns; time is a {@link MutableClock}.
 */
class ClientReadinessTest {

    private static final String SECRET = "s3cret-of-the-partner";

    private final MutableClock clock = MutableClock.fixed();
    private TestIssuer issuer;
    private ClientStatuses partner;
    private ClientReadiness check;

    @BeforeEach
    void start() {
        issuer = TestIssuer.start();
        issuer.clock(clock);
        issuer.registerClient("partner-app", SECRET);
    }

    @AfterEach
    void stop() {
        if (partner != null) {
            partner.close();
        }
        issuer.close();
    }

    private void checkOf(String secret) {
        partner = ClientStatuses.of(clock, "partner", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "partner-app", "client-secret", secret);
        check = new ClientReadiness("partner", partner::status);
    }

    @Test
    void isNamedAfterTheClient() {
        checkOf(SECRET);

        assertThat(check.name()).isEqualTo("tessera-client:partner");
        assertThat(check.call().getName()).isEqualTo("tessera-client:partner");
    }

    @Test
    void isUpWhenATokenCanBeObtainedAndSaysUntilWhenItIsValid() {
        checkOf(SECRET);

        HealthCheckResponse up = check.call(); // the first probe obtains the token

        TokenSourceStatus status = partner.status().orElseThrow();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(data(up)).containsExactly(Map.entry("client", "partner"), Map.entry("tokenHeld", true),
                Map.entry("tokenExpiresAt", status.tokenExpiresAt().orElseThrow().toString()));
        assertThat(status.tokenExpiresAt()).contains(clock.instant().plusSeconds(300));
        assertThat(issuer.requestCount("token")).isEqualTo(1);
    }

    @Test
    void isDownAfterAFailedRequestWithTheLastFailureAndTheNextAttempt() {
        issuer.failWith(503);
        checkOf(SECRET);
        Instant failedAt = clock.instant();

        HealthCheckResponse down = check.call();

        TokenSourceStatus status = partner.status().orElseThrow();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(down)).containsOnlyKeys("client", "tokenHeld", "failingSince", "lastFailure", "nextAttempt")
                .containsEntry("tokenHeld", false)
                .containsEntry("failingSince", failedAt.toString())
                .containsEntry("nextAttempt", status.nextAttempt().orElseThrow().toString());
        assertThat(status.nextAttempt().orElseThrow()).isAfter(failedAt);
        assertThat((String) data(down).get("lastFailure")).contains("partner", "503");

        issuer.recover();
        clock.set(status.nextAttempt().orElseThrow());
        HealthCheckResponse back = check.call();

        assertThat(back.getStatus()).isEqualTo(Status.UP);
        assertThat(data(back)).containsEntry("tokenHeld", true)
                .doesNotContainKeys("failingSince", "lastFailure", "nextAttempt");
    }

    @Test
    void aRefusedClientIsDownAndNeitherTheSecretNorATokenIsInTheData() {
        checkOf(SECRET + "-wrong");

        HealthCheckResponse refused = check.call();

        assertThat(refused.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) data(refused).get("lastFailure")).contains("invalid_client");
        assertThat(data(refused).values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(SECRET));
    }

    @Test
    void aHeldTokenIsNeverInTheData() {
        checkOf(SECRET);
        check.call();
        String token = partner.token();

        HealthCheckResponse up = check.call();

        assertThat(token).isNotBlank();
        assertThat(data(up).values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(token).doesNotContain(SECRET));
    }

    @Test
    void isDownWhenTheClientIsNotRunning() {
        ClientReadiness idle = new ClientReadiness("partner", Optional::empty);

        HealthCheckResponse down = idle.call();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(down)).containsExactly(Map.entry("client", "partner"),
                Map.entry("state", "the client is not running"));
    }

    @Test
    void aProbeDuringTheHoldOffAsksTheEndpointForNothing() {
        issuer.failWith(503);
        checkOf(SECRET);
        check.call();
        int requests = issuer.requestCount("token");
        clock.advance(Duration.ofSeconds(1));

        for (int i = 0; i < 20; i++) {
            check.call();
        }

        assertThat(issuer.requestCount("token")).isEqualTo(requests);
    }
}
