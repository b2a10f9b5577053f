package dev.tessera.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an outbound client's token source knows now, for a readiness check. Holds no token and no secret.
 *
 * @param tokenHeld      whether a token that has not expired is cached
 * @param tokenExpiresAt when the cached token expires; empty when none is cached or the expiry is not known
 * @param lastFailure    why the last token request failed (no secret, no token); empty after a success
 * @param failingSince   when the current run of failed token requests began; empty after a success
 * @param nextAttempt    when the next token request may be sent; empty after a success
 */
public record TokenSourceStatus(boolean tokenHeld, Optional<Instant> tokenExpiresAt, Optional<String> lastFailure,
        Optional<Instant> failingSince, Optional<Instant> nextAttempt) {

    public TokenSourceStatus {
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    /**
     * Whether a token can be obtained, as far as is known without asking the endpoint now: one is cached, or the last
     * request did not fail (nothing is known against it yet).
     */
    public boolean tokenObtainable() {
        return tokenHeld || lastFailure.isEmpty();
    }
}
