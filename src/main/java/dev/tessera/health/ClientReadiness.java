package dev.tessera.health;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import dev.tessera.client.ClientCredentialsExtension;
import dev.tessera.client.TokenSourceStatus;

/**
 * Ready when a token can be obtained for one outbound client: one is cached, or the last token request did not
 * fail. The data says until when the cached token is valid and, after a failure, since when requests fail, why, and
 * when the next one may be sent; never a token or a secret. Reads the token source's state; it may start the one
 * background request a caller would start now, never during a back-off.
 */
final class ClientReadiness implements HealthCheck {

    private final String client;
    private final ClientCredentialsExtension outbound;

    ClientReadiness(String client, ClientCredentialsExtension outbound) {
        this.client = client;
        this.outbound = outbound;
    }

    String name() {
        return "tessera-client:" + client;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name()).withData("client", client);
        Optional<TokenSourceStatus> status = outbound.tokenSourceStatus(client);
        if (status.isEmpty()) {
            return response.down().withData("state", "the client is not running").build();
        }
        TokenSourceStatus source = status.get();
        response.status(source.tokenObtainable()).withData("tokenHeld", source.tokenHeld());
        source.tokenExpiresAt().ifPresent(at -> response.withData("tokenExpiresAt", at.toString()));
        source.failingSince().ifPresent(since -> response.withData("failingSince", since.toString()));
        source.lastFailure().ifPresent(failure -> response.withData("lastFailure", failure));
        source.nextAttempt().ifPresent(next -> response.withData("nextAttempt", next.toString()));
        return response.build();
    }
}
