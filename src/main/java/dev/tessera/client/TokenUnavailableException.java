package dev.tessera.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * No token could be obtained for a client: the token endpoint is unreachable, slow, answers 5xx, refuses the
 * request or answers something unusable. Messages name the client, never a secret or a token. After a failure,
 * callers get the failure again at once until the back-off ends; {@link #nextAttempt()} says when that is.
 */
public class TokenUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String clientName;
    private final String detail;
    private final Instant nextAttempt;
    private final Duration retryAfter;

    public TokenUnavailableException(String clientName, String message, Throwable cause) {
        this(clientName, message, cause, null, null);
    }

    TokenUnavailableException(String clientName, String detail, Throwable cause, Duration retryAfter, Instant nextAttempt) {
        super("client '" + clientName + "': " + detail + (nextAttempt == null ? "" : "; no new token request before " + nextAttempt), cause);
        this.clientName = clientName;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.nextAttempt = nextAttempt;
    }

    /** The client whose token is missing. */
    public String clientName() {
        return clientName;
    }

    /** When Tessera asks the token endpoint again, for a failure remembered during its back-off. */
    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttempt);
    }

    /** How long the token endpoint asked to wait ({@code Retry-After}), when it did. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** This failure as callers see it during the back-off: the same message, plus when the next attempt is due. */
    TokenUnavailableException heldUntil(Instant next) {
        return new TokenUnavailableException(clientName, detail, this, retryAfter, next);
    }
}
