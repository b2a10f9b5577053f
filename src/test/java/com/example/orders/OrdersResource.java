package com.example.orders;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/orders")
@RequestScoped
@RolesAllowed("orders-reader")
public class OrdersResource {
    @Inject
    JsonWebToken caller;

    @GET
    public String list() {
        return "orders for " + caller.getName();
    }
}
