package dev.tessera.demo;

import java.util.Collection;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Shows the verified caller as the application sees it: name, groups and every claim of the token. */
@Path("/me")
@RolesAllowed({"orders.read", "orders.admin"})
@RequestScoped
public class MeResource {

    @Inject
    JsonWebToken caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        JsonObjectBuilder claims = Orders.JSON.createObjectBuilder();
        caller.getClaimNames().stream()
                .filter(name -> !name.equals("raw_token")) // the token itself is a secret
                .sorted()
                .forEach(name -> add(claims, name, caller.getClaim(name)));
        return Orders.JSON.createObjectBuilder()
                .add("name", caller.getName())
                .add("groups", Orders.JSON.createArrayBuilder(caller.getGroups()))
                .add("claims", claims)
                .build();
    }

    /** Claim values come as JSON-P values, strings, numbers, booleans or string sets (MicroProfile JWT). */
    private static void add(JsonObjectBuilder claims, String name, Object value) {
        if (value instanceof JsonValue json) {
            claims.add(name, json);
        } else if (value instanceof Collection<?> values) {
            claims.add(name, Orders.JSON.createArrayBuilder(values));
        } else if (value instanceof Long number) {
            claims.add(name, number);
        } else if (value instanceof Boolean bool) {
            claims.add(name, bool);
        } else {
            claims.add(name, String.valueOf(value));
        }
    }
}
