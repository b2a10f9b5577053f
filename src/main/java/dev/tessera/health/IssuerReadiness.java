package dev.tessera.health;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import dev.tessera.issuer.KeySetStatus;
import dev.tessera.mechanism.BearerExtension;

/**
 * Ready when the signing keys of one trusted issuer are known (the last good ones count while fetches fail); the
 * data says how many, when they were fetched and, while fetching fails, since when, why and when the next attempt
 * is. Reads the key source's state; it may start the fetch a request would start, never more often than that.
 */
final class IssuerReadiness implements HealthCheck {

    private final Optional<String> issuer;
    private final BearerExtension bearer;

    /** @param issuer the issuer; empty for keys configured for tokens of any issuer */
    IssuerReadiness(Optional<String> issuer, BearerExtension bearer) {
        this.issuer = issuer;
        this.bearer = bearer;
    }

    String name() {
        return issuer.map(i -> "tessera-issuer:" + i).orElse("tessera-keys");
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name());
        issuer.ifPresent(i -> response.withData("issuer", i));
        Optional<KeySetStatus> status = bearer.keySetStatus(issuer.orElse(null));
        if (status.isEmpty()) {
            return response.down().withData("state", "bearer authentication is not running").build();
        }
        KeySetStatus keys = status.get();
        response.status(keys.keysKnown()).withData("keys", keys.keys());
        keys.fetchedAt().ifPresent(at -> response.withData("fetchedAt", at.toString()));
        keys.failingSince().ifPresent(since -> response.withData("failingSince", since.toString()));
        keys.lastFailure().ifPresent(failure -> response.withData("lastFailure", failure));
        keys.nextAttempt().ifPresent(next -> response.withData("nextAttempt", next.toString()));
        return response.build();
    }
}
