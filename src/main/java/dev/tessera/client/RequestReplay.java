package dev.tessera.client;

import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Sends a request once more with another {@code Authorization} header. A seam: the filter's 401 handling is
 * tested with a recording replay, while {@link #JAX_RS} re-sends through the request's own JAX-RS client.
 */
@FunctionalInterface
interface RequestReplay {

    /** Re-sends through {@link ClientRequestContext#getClient()}, marked so that the filter will not replay it again. */
    RequestReplay JAX_RS = (request, authorization) -> {
        Invocation.Builder builder = request.getClient().target(request.getUri()).request();
        Set<String> skipped = Set.of("authorization", "content-type", "content-length");
        request.getStringHeaders().forEach((name, values) -> {
            if (!skipped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.header(HttpHeaders.AUTHORIZATION, authorization);
        builder.property(ClientCredentialsFilter.REPLAYED_PROPERTY, Boolean.TRUE);
        Response response;
        if (request.hasEntity()) {
            // keep the generic type (e.g. List<Item>) so that the same MessageBodyWriter serialises the entity again
            Object entity = request.getEntityType() == null ? request.getEntity()
                    : new GenericEntity<>(request.getEntity(), request.getEntityType());
            response = builder.method(request.getMethod(), Entity.entity(entity, request.getMediaType()));
        } else {
            response = builder.method(request.getMethod());
        }
        InputStream entity = response.hasEntity() ? response.readEntity(InputStream.class) : InputStream.nullInputStream();
        return new Replayed(response.getStatus(), new MultivaluedHashMap<>(response.getStringHeaders()), entity);
    };

    /** Sends {@code request} again with this {@code Authorization} value. */
    Replayed resend(ClientRequestContext request, String authorization);

    /**
     * The answer to a replayed request.
     *
     * @param status  the HTTP status
     * @param headers the response headers
     * @param entity  the response body
     */
    record Replayed(int status, MultivaluedMap<String, String> headers, InputStream entity) {
    }
}
