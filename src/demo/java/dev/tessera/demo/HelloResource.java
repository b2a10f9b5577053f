package dev.tessera.demo;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** Public: answers anyone, and greets the caller by name when a valid token came along. */
@Path("/hello")
@PermitAll
@RequestScoped
public class HelloResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello(@Context SecurityContext security) {
        return "Hello, " + (security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName()) + "!";
    }
}
