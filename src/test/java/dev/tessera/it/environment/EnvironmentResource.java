package dev.tessera.it.environment;

import dev.tessera.client.AccessToken;
import dev.tessera.client.ClientCredentials;
import dev.tessera.client.TokenSource;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Obtains a token for the client whose secret comes from an environment variable of the server (server.env). */
@Path("/environment")
@PermitAll
@RequestScoped
public class EnvironmentResource {

    @Inject
    @ClientCredentials("from-env")
    TokenSource fromEnvironment;

    @GET
    public String token() {
        AccessToken token = fromEnvironment.token();
        return token.value().isEmpty() ? "empty" : "token";
    }
}
