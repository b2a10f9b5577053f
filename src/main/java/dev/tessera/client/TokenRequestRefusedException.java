package dev.tessera.client;

import java.time.Instant;
import java.util.Optional;

/**
 * The token endpoint answered an OAuth error response (RFC 6749 §5.2), such as {@code invalid_client}.
 * Such answers are not retried right away: asking again with the same credentials would fail the same way.
 * The message is built from the parsed {@code error} and {@code error_description} only.
 */
public final class TokenRequestRefusedException extends TokenUnavailableException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;
    private final String hint;

    TokenRequestRefusedException(String clientName, int status, String error, Optional<String> errorDescription,
            Optional<String> hint) {
        this(clientName, status, error, errorDescription.orElse(null), hint.orElse(null), null, null);
    }

    private TokenRequestRefusedException(String clientName, int status, String error, String errorDescription, String hint,
            Throwable cause, Instant nextAttempt) {
        super(clientName, "the token endpoint refused the request with HTTP " + status + ", error=" + error
                + (errorDescription == null ? "" : ", error_description=" + errorDescription)
                + (hint == null ? "" : "; " + hint), cause, null, nextAttempt);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
        this.hint = hint;
    }

    /** The HTTP status of the error response. */
    public int status() {
        return status;
    }

    /** The {@code error} code, such as {@code invalid_client}. */
    public String error() {
        return error;
    }

    /** The {@code error_description}, when the endpoint sent one. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    @Override
    TokenUnavailableException heldUntil(Instant next) {
        return new TokenRequestRefusedException(clientName(), status, error, errorDescription, hint, this, next);
    }
}
