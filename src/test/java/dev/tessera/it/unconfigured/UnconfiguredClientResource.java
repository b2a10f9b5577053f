package dev.tessera.it.unconfigured;

import dev.tessera.client.ClientCredentials;
import dev.tessera.client.TokenSource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Injects a client that has no configuration: the deployment must fail. */
@Path("/unconfigured")
@RequestScoped
public class UnconfiguredClientResource {

    @Inject
    @ClientCredentials("missing")
    TokenSource missing;

    @GET
    public String get() {
        return missing.token().value();
    }
}
