package dev.tessera.it.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

@Path("/orders")
@RolesAllowed("orders-reader")
public class OrdersResource {

    @GET
    public String list(@Context SecurityContext security) {
        return "orders for " + security.getUserPrincipal().getName();
    }

    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin";
    }
}
