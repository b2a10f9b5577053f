package dev.tessera.it.authorization;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.tessera.client.AuthorizationRequiredException;
import dev.tessera.client.ClientCredentialsFilter;
import dev.tessera.client.UserTokenSource;
import dev.tessera.client.UserTokens;

/**
 * A page of the application that calls the API on behalf of the signed-in user with the user's token of one client,
 * attached by Tessera's outbound filter. Without a token, the {@code AuthorizationRequiredException} escapes
 * (unwrapped from the client's {@code ProcessingException}) and Tessera's mapper answers with the start of the
 * authorization. The client is named in the path, so that each test WAR configures only the clients it needs
 * (AuthorizationCodeIT several, ClusterIT one).
 */
@Path("/upstream")
@RequestScoped
public class UpstreamResource {

    /** The user token sources of every client name; only configured names are asked for. */
    @Inject
    @Any
    Instance<UserTokenSource> sources;

    @Context
    UriInfo uri;

    @GET
    @Path("{client}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response call(@PathParam("client") String client) {
        UserTokenSource source = source(client);
        Client http = ClientBuilder.newClient().register(new ClientCredentialsFilter(source));
        try (Response answer = http.target(uri.getBaseUri()).path("profile").request().get()) {
            return Response.status(answer.getStatus()).entity(answer.readEntity(String.class)).build();
        } catch (ProcessingException e) {
            throw AuthorizationRequiredException.unwrap(e); // as docs/authorization-code.md shows
        } finally {
            http.close();
        }
    }

    /** Whether the user has tokens of the client. */
    @GET
    @Path("{client}/authorized")
    public String authorized(@PathParam("client") String client) {
        return Boolean.toString(source(client).isAuthorized());
    }

    UserTokenSource source(String client) {
        if (!client.matches("[a-z]{1,20}")) {
            throw new NotFoundException();
        }
        return sources.select(UserTokens.Literal.of(client)).get();
    }
}
