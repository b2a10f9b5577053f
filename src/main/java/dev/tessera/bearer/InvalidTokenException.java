package dev.tessera.bearer;

/**
 * The token is bad: malformed, wrongly signed, expired, or not meant for us (HTTP 401,
 * {@code error="invalid_token"}). The message is a short reason for a FINE log line; it never
 * contains the token or any part of it.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
