package dev.tessera.it.outbound;

import java.time.Instant;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import dev.tessera.client.AccessToken;
import dev.tessera.client.ClientCredentials;
import dev.tessera.client.ClientCredentialsFilter;
import dev.tessera.client.TokenSource;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Calls the partner resources of this same application with tokens from {@code @ClientCredentials}. */
@Path("/outbound")
@PermitAll
@RequestScoped
public class OutboundResource {

    @Inject
    @ClientCredentials("partner")
    TokenSource partner;

    @Inject
    @ClientCredentials("partner")
    AccessToken current;

    @Context
    UriInfo uri;

    @GET
    @Path("/jaxrs")
    public String throughJaxRsClient() {
        Client client = ClientBuilder.newClient().register(new ClientCredentialsFilter(partner));
        try {
            return client.target(uri.getBaseUri()).path("partner").request().get(String.class);
        } finally {
            client.close();
        }
    }

    @GET
    @Path("/restclient")
    public String throughRestClient() {
        return RestClientBuilder.newBuilder().baseUri(uri.getBaseUri()).build(PartnerApi.class).get();
    }

    @GET
    @Path("/flaky")
    public String flaky() {
        Client client = ClientBuilder.newClient().register(new ClientCredentialsFilter(partner));
        try (Response response = client.target(uri.getBaseUri()).path("flaky").request().get()) {
            return response.getStatus() + " " + response.readEntity(String.class);
        } finally {
            client.close();
        }
    }

    @GET
    @Path("/injected")
    public String injected() {
        return current.expiresAt().isAfter(Instant.now()) && !current.value().isEmpty() ? "valid" : "stale";
    }
}
