package dev.tessera.it.app;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

@Path("/public")
@PermitAll
public class PublicResource {

    @GET
    public String hello(@Context SecurityContext security) {
        return "public:" + (security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName());
    }
}
