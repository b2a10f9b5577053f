package dev.tessera.client;

import java.util.Optional;

/**
 * The token endpoint answered an OAuth error response (RFC 6749 §5.2), such as {@code invalid_client}.
 * Such answers are not retried: asking again with the same credentials would fail the same way.
 */
public final class TokenRequestRefusedException extends TokenUnavailableException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;

    public TokenRequestRefusedException(String clientName, int status, String error, Optional<String> errorDescription) {
        super(clientName, "the token endpoint refused the request with HTTP " + status + ", error=" + error
                + errorDescription.map(d -> ", error_description=" + d).orElse(""), null);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription.orElse(null);
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
}
