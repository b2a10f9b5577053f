package dev.tessera.bearer;

import java.util.Optional;

/**
 * The token is bad: malformed, wrongly signed, expired, or not meant for us (HTTP 401,
 * {@code error="invalid_token"}). The message is a short reason for a FINE log line; it never
 * contains the token or any part of it. A {@link #detail()} may add claim values that are no secrets
 * ({@code iss}, {@code aud}) to help whoever configures the issuer or the server.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The specifics for the FINE log line, or {@code null}. */
    private final String detail;

    public InvalidTokenException(String reason) {
        this(reason, null);
    }

    /**
     * @param reason a short reason, without token data
     * @param detail values that help to act on the refusal, never the token or a secret; {@code null} for none
     */
    public InvalidTokenException(String reason, String detail) {
        super(reason, null, false, false);
        this.detail = detail;
    }

    /** What helps to act on the refusal beyond the reason, such as the token's issuer and the trusted ones. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
