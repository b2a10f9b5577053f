package dev.tessera.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The current user has no token of an authorization code client (never authorized, forgotten, or the refresh was
 * refused). Thrown out of a request, Tessera's filter (servlets) or exception mapper (JAX-RS) answers it with a
 * redirect to {@link #startPath(String)} for a {@code GET}, else with {@code 401}; an application may also catch it and
 * redirect itself. A JAX-RS or Rest Client call wraps it, as anything its filters throw, in a
 * {@code ProcessingException}: rethrow {@link #unwrap(RuntimeException)} of that.
 */
public final class AuthorizationRequiredException extends TokenUnavailableException {

    private static final long serialVersionUID = 1L;

    private final String start;

    /**
     * @param clientName the client
     * @param start      the start path including the context root, without query
     * @param reason     why, without any token
     */
    AuthorizationRequiredException(String clientName, String start, String reason) {
        super(clientName, reason + "; send the user to " + start, null);
        this.start = Objects.requireNonNull(start, "start");
    }

    /** The path that starts the authorization and returns to {@code returnPath} (a same-origin path) afterwards. */
    public String startPath(String returnPath) {
        if (ReturnPath.sameOrigin(returnPath).isEmpty()) {
            throw new IllegalArgumentException("the return path must be a path on this origin, such as /app/page");
        }
        return start + "?return=" + FormBody.encode(returnPath);
    }

    /** The {@code AuthorizationRequiredException} in {@code thrown}'s chain of causes, if there is one. */
    public static Optional<AuthorizationRequiredException> in(Throwable thrown) {
        // bounded: a chain of causes may loop
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof AuthorizationRequiredException required) {
                return Optional.of(required);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code AuthorizationRequiredException} that {@code e} wraps, else {@code e} itself: for
     * {@code catch (ProcessingException e) { throw AuthorizationRequiredException.unwrap(e); }} around a JAX-RS or
     * Rest Client call, so that the exception reaches Tessera's mapper instead of becoming a {@code 500}.
     */
    public static RuntimeException unwrap(RuntimeException e) {
        return in(e).<RuntimeException>map(required -> required).orElse(e);
    }
}
