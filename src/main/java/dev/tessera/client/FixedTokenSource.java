package dev.tessera.client;

import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;

/** A configured long-lived token, handed out as it is. */
final class FixedTokenSource implements TokenSource {

    private static final Logger LOG = Logger.getLogger(FixedTokenSource.class.getName());

    private final String client;
    private final AccessToken token;

    FixedTokenSource(String client, String value) {
        this.client = client;
        this.token = AccessToken.bearer(value, Instant.MAX, Set.of());
    }

    @Override
    public AccessToken token() {
        return token;
    }

    @Override
    public void invalidate(AccessToken refused) {
        LOG.fine(() -> "client '" + client + "': the configured fixed token was refused; it cannot be replaced");
    }

    @Override
    public String toString() {
        return "FixedTokenSource[" + client + "]";
    }
}
