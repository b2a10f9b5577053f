package dev.tessera.health;

import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.tessera.client.TokenSourceStatus;

/**
 * Ready when a token can be obtained for one outbound client: one is cached, or the last token request did not
 * fail. The data says until when the cached token is valid and, after a failure, since when requests fail, why, and
 * when the next one may be sent; never a token or a secret. Reads the token source's state; it may start the one
 * background request a caller would start now, never during a back-off.
 */
final class ClientReadiness implements HealthCheck {

    private final String client;
    private final Supplier<Optional<TokenSourceStatus>> tokenSource;

    /**
     * @param client      the client's name
     * @param tokenSource the state of its token source; empty while the deployment's clients are not running
     */
    ClientReadiness(String client, Supplier<Optional<TokenSourceStatus>> tokenSource) {
        this.client = client;
        this.tokenSource = tokenSource;
    }

    String name() {
        return "tessera-client:" + client;
    }

    @Override
    public HealthCheckResponse call() {
        CheckData data = new CheckData().put("client", client);
        Optional<TokenSourceStatus> status = tokenSource.get();
        if (status.isEmpty()) {
            return data.put("state", "the client is not running").response(name(), false);
        }
        TokenSourceStatus source = status.get();
        data.put("tokenHeld", source.tokenHeld())
                .put("tokenExpiresAt", source.tokenExpiresAt())
                .put("failingSince", source.failingSince())
                .put("lastFailure", source.lastFailure())
                .put("nextAttempt", source.nextAttempt());
        return data.response(name(), source.tokenObtainable());
    }
}
