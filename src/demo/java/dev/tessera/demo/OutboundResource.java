package dev.tessera.demo;

import org.eclipse.microprofile.config.Config;

import dev.tessera.client.ClientCredentials;
import dev.tessera.client.TokenSource;
import dev.tessera.client.TokenUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Public: calls the protected {@code /orders} resource as the {@code backend} client, with a token from
 * {@code @ClientCredentials("backend")} (token endpoint found by discovery: {@code tessera.client.backend.issuer}).
 */
@Path("/outbound")
@PermitAll
@ApplicationScoped
public class OutboundResource {

    @Inject
    @ClientCredentials("backend")
    TokenSource backend;

    @Inject
    Config config;

    private OrdersApi orders;

    @PostConstruct
    void open() {
        orders = new OrdersApi(config, backend);
    }

    @PreDestroy
    void close() {
        orders.close();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response callOrders() {
        String url = orders.url();
        try (Response answer = orders.get()) {
            return Response.ok(Orders.JSON.createObjectBuilder()
                    .add("called", url)
                    .add("status", answer.getStatus())
                    .add("answer", answer.getStatus() == 200 ? answer.readEntity(JsonObject.class) : JsonValue.NULL)
                    .build()).build();
        } catch (ProcessingException e) {
            // no token could be had (the message names the client and the reason, never the secret), or no connection
            String reason = e.getCause() instanceof TokenUnavailableException noToken
                    ? noToken.getMessage() : "the orders API could not be reached";
            return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.TEXT_PLAIN).entity(reason).build();
        }
    }
}
