package dev.tessera.it.outbound;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/partner")
@RegisterProvider(PartnerAuth.class)
public interface PartnerApi {

    @GET
    String get();
}
