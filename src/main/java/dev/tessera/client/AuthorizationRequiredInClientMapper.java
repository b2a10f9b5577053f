package dev.tessera.client;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A JAX-RS client wraps what its filters throw in a {@link ProcessingException}: when {@link ClientCredentialsFilter}
 * found no token for the user, the resource that made the call ends with one whose cause is an
 * {@link AuthorizationRequiredException}, which this mapper answers as {@link AuthorizationRequiredMapper} does. Any
 * other {@code ProcessingException} gets the {@code 500} (logged) it would have got without this mapper. An
 * application with its own {@code ExceptionMapper<ProcessingException>} handles that cause itself.
 */
@Provider
public final class AuthorizationRequiredInClientMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(AuthorizationRequiredInClientMapper.class.getName());
    private final AuthorizationRequiredMapper mapper = new AuthorizationRequiredMapper();

    @Override
    public Response toResponse(ProcessingException e) {
        Optional<AuthorizationRequiredException> required = cause(e);
        if (required.isPresent()) {
            return mapper.toResponse(required.get());
        }
        LOG.log(Level.SEVERE, "a JAX-RS client call failed", e);
        return Response.serverError().build();
    }

    private static Optional<AuthorizationRequiredException> cause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationRequiredException found) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
