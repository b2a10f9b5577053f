package dev.tessera.demo;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Protected with {@code @RolesAllowed}: the roles are the token's scopes ({@code tessera.bearer.roles-claim=scope}).
 * Reading needs {@code orders.read}; the report needs {@code orders.admin} as well.
 */
@Path("/orders")
@RolesAllowed("orders.read")
@RequestScoped
public class OrdersResource {

    @Inject
    JsonWebToken caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list() {
        return Orders.JSON.createObjectBuilder()
                .add("caller", caller.getName())
                .add("orders", Orders.asJson())
                .build();
    }

    @GET
    @Path("/report")
    @RolesAllowed("orders.admin")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject report() {
        return Orders.JSON.createObjectBuilder()
                .add("caller", caller.getName())
                .add("orders", Orders.ALL.size())
                .add("open", Orders.ALL.stream().filter(Orders.Order::open).count())
                .build();
    }
}
