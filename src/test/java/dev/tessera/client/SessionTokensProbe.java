package dev.tessera.client;

import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.tessera.it.authorization.ProfileResource;

/**
 * Test-only window into a user's session tokens, deployed in AuthorizationCodeIT's and ClusterIT's WARs (same package as the jar's
 * classes, same class loader): fingerprints of the tokens (never the tokens), and a way to make the refresh token one
 * the provider does not know, to see a refused refresh, or
 * the access token expired, to see a refresh at once.
 */
@Path("/probe")
public class SessionTokensProbe {

    @GET
    @Path("{client}")
    @Produces(MediaType.APPLICATION_JSON)
    public String fingerprints(@PathParam("client") String client) {
        SessionTokens tokens = tokens(client);
        if (tokens == null) {
            return "{}";
        }
        return "{\"access\":\"" + ProfileResource.fingerprint(tokens.accessToken()) + "\",\"refresh\":\""
                + ProfileResource.fingerprint(tokens.refreshToken()) + "\",\"grant\":\"" + tokens.grantId()
                + "\",\"expiresAt\":\"" + tokens.expiresAt() + "\"}";
    }

    @POST
    @Path("{client}/unknown-refresh-token")
    public String unknownRefreshToken(@PathParam("client") String client) {
        SessionTokens tokens = tokens(client);
        session().setAttribute(SessionTokenSource.tokensAttribute(client), new SessionTokens(tokens.grantId(),
                tokens.accessToken(), tokens.obtainedAt(), tokens.obtainedAt(), tokens.scope(), "not-a-refresh-token-of-this-provider",
                tokens.codeVerifier()));
        return "ok";
    }

    /** Marks the access token expired (as the API's refusal of it does): the next use refreshes it. */
    @POST
    @Path("{client}/expire")
    public String expire(@PathParam("client") String client) {
        session().setAttribute(SessionTokenSource.tokensAttribute(client), tokens(client).expired());
        return "ok";
    }

    private static SessionTokens tokens(String client) {
        HttpSession session = session();
        return session == null ? null : (SessionTokens) session.getAttribute(SessionTokenSource.tokensAttribute(client));
    }

    private static HttpSession session() {
        return CurrentRequest.get().orElseThrow().getSession(false);
    }
}
