package dev.tessera.client;

/**
 * Outbound tokens of one configured client. Thread-safe; {@link #token()} is cheap when a token is cached,
 * so long-lived beans call it for every outgoing request.
 */
public interface TokenSource {

    /**
     * A token valid now, from cache when possible.
     *
     * @throws TokenUnavailableException when no valid token can be obtained in time
     */
    AccessToken token();

    /**
     * Drops {@code token} from the cache (for example after the partner API answered 401), so that the next
     * {@link #token()} obtains a new one. Does nothing when a different token is cached by now.
     */
    void invalidate(AccessToken token);
}
