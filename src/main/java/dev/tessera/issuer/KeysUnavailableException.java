package dev.tessera.issuer;

import java.time.Duration;

/**
 * The issuer's keys could not be obtained and none are cached: a token cannot be checked right now.
 * This is "we could not check it" (HTTP 503), never "the token is bad" (HTTP 401).
 */
public final class KeysUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public KeysUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When asking again may help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
