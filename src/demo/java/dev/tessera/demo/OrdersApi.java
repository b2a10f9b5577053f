package dev.tessera.demo;

import org.eclipse.microprofile.config.Config;

import dev.tessera.client.ClientCredentialsFilter;
import dev.tessera.client.TokenSource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The orders API as the demo's pages call it: at its configured address ({@code demo.api-url}, never taken from a
 * request's Host header), through one JAX-RS client whose Tessera filter attaches a token of the given source.
 */
final class OrdersApi implements AutoCloseable {

    private final String url;
    private final Client client;

    OrdersApi(Config config, TokenSource tokens) {
        this.url = config.getValue("demo.api-url", String.class) + "/orders";
        this.client = ClientBuilder.newClient().register(new ClientCredentialsFilter(tokens));
    }

    /** Where the orders are. */
    String url() {
        return url;
    }

    /** {@code GET /orders} with a token of the source; a token that cannot be had is a {@code ProcessingException}. */
    Response get() {
        return client.target(url).request(MediaType.APPLICATION_JSON).get();
    }

    @Override
    public void close() {
        client.close();
    }
}
