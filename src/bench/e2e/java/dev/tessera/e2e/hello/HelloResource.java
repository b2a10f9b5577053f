package dev.tessera.e2e.hello;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The benchmarked endpoint, the same class in both WARs: protected, and greets the caller by name. */
@Path("/hello")
@RolesAllowed("reader")
@ApplicationScoped
public class HelloResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello(@Context SecurityContext security) {
        return "Hello, " + security.getUserPrincipal().getName() + "!";
    }
}
