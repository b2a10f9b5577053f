package dev.tessera.client;

import java.util.Objects;

/**
 * The current user has no token of an authorization code client (never authorized, forgotten, or the refresh was
 * refused). Thrown out of a request, Tessera's filter answers it with a redirect to {@link #startPath(String)} for a
 * {@code GET}, else with {@code 401}; an application may also catch it and redirect itself.
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
}
