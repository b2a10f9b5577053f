package dev.tessera.health;

import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.tessera.issuer.KeySetStatus;

/**
 * Ready when the signing keys of one trusted issuer are known (the last good ones count while fetches fail); the
 * data says how many, when they were fetched and, while fetching fails, since when, why and when the next attempt
 * is. Reads the key source's state; it may start the fetch a request would start, never more often than that.
 */
final class IssuerReadiness implements HealthCheck {

    private final Optional<String> issuer;
    private final Supplier<Optional<KeySetStatus>> keySet;

    /**
     * @param issuer the issuer; empty for keys configured for tokens of any issuer
     * @param keySet the state of its keys; empty while bearer authentication is not running
     */
    IssuerReadiness(Optional<String> issuer, Supplier<Optional<KeySetStatus>> keySet) {
        this.issuer = issuer;
        this.keySet = keySet;
    }

    String name() {
        return issuer.map(i -> "tessera-issuer:" + i).orElse("tessera-keys");
    }

    @Override
    public HealthCheckResponse call() {
        CheckData data = new CheckData();
        issuer.ifPresent(i -> data.put("issuer", i));
        Optional<KeySetStatus> status = keySet.get();
        if (status.isEmpty()) {
            return data.put("state", "bearer authentication is not running").response(name(), false);
        }
        KeySetStatus keys = status.get();
        data.put("keys", keys.keys())
                .put("fetchedAt", keys.fetchedAt())
                .put("failingSince", keys.failingSince())
                .put("lastFailure", keys.lastFailure())
                .put("nextAttempt", keys.nextAttempt());
        return data.response(name(), keys.keysKnown());
    }
}
