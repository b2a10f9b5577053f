package dev.tessera.it.app;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Shows the injected token, from a request-scoped resource and through an application-scoped bean. */
@Path("/me")
@RequestScoped
@RolesAllowed("orders-reader")
public class CallerResource {

    @Inject
    JsonWebToken caller;

    @Inject
    CallerNames names;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String me() {
        return Json.createObjectBuilder()
                .add("name", caller.getName())
                .add("subject", caller.getSubject())
                .add("issuer", caller.getIssuer())
                .add("groups", Json.createArrayBuilder(caller.getGroups()))
                .add("tenant", text(caller.getClaim("tenant")))
                .add("nameFromApplicationScope", names.currentName())
                .build().toString();
    }

    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : String.valueOf(claim);
    }
}
