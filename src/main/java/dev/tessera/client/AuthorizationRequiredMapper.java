package dev.tessera.client;

import java.util.logging.Logger;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS handles an exception of a resource itself (a {@code 500} and an ERROR log line) before a servlet filter could
 * see it; this mapper answers an {@link AuthorizationRequiredException} as {@link CurrentRequest} does: {@code 302} to
 * the start path (returning to this page) for a {@code GET}, else {@code 401} with the start path in {@code Location}.
 */
@Provider
public final class AuthorizationRequiredMapper implements ExceptionMapper<AuthorizationRequiredException> {

    private static final Logger LOG = Logger.getLogger(AuthorizationRequiredMapper.class.getName());

    @Override
    public Response toResponse(AuthorizationRequiredException e) {
        return CurrentRequest.get().map(request -> {
            String start = CurrentRequest.startPath(request, e);
            LOG.fine(() -> "client '" + e.clientName() + "': no token for this user; " + request.getMethod()
                    + " answered with the start path");
            Response.ResponseBuilder answer = request.getMethod().equals("GET") ? Response.status(Response.Status.FOUND)
                    : Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_PLAIN_TYPE)
                            .entity("authorization required: start at " + start + "\n");
            return answer.header(HttpHeaders.LOCATION, start).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }).orElseGet(() -> Response.status(Response.Status.UNAUTHORIZED).build());
    }
}
