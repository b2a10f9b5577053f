package dev.tessera.it.outbound;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** The partner API: protected by Tessera's bearer mechanism like any other resource. */
@Path("/partner")
@RolesAllowed("orders-reader")
public class PartnerResource {

    @GET
    public String get(@Context SecurityContext security) {
        return "partner saw " + security.getUserPrincipal().getName();
    }
}
