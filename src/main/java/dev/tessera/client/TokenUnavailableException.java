package dev.tessera.client;

/**
 * No token could be obtained for a client: the token endpoint is unreachable, slow, answers 5xx, refuses the
 * request or answers something unusable. Messages name the client, never a secret or a token.
 */
public class TokenUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String clientName;

    public TokenUnavailableException(String clientName, String message, Throwable cause) {
        super("client '" + clientName + "': " + message, cause);
        this.clientName = clientName;
    }

    /** The client whose token is missing. */
    public String clientName() {
        return clientName;
    }
}
