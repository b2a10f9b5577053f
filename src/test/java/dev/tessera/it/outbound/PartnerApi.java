package dev.tessera.it.outbound;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The partner's API for the MicroProfile Rest Client. The path is on the method, not the interface: Payara's Jersey
 * takes an interface annotated with {@code @Path} for a resource of the application, next to {@link PartnerResource}
 * at the same path (an ambiguous resource model fails the deployment).
 */
@RegisterProvider(PartnerAuth.class)
public interface PartnerApi {

    @GET
    @Path("/partner")
    String get();
}
