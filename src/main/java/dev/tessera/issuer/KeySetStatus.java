package dev.tessera.issuer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key source knows now, for a readiness check: how many keys it holds, when they were fetched, and, while
 * fetches fail, since when, why, and when the next fetch may start. Holds no key material.
 *
 * @param keys         how many signing keys are held (0: none yet, tokens of this issuer cannot be checked)
 * @param fetchedAt    when the fetch of the held keys started; empty for configured keys or when none are held
 * @param failingSince when the current run of failed fetches began; empty when the last fetch succeeded
 * @param lastFailure  why the last fetch failed (URL and status or error, no secrets); empty when it succeeded
 * @param nextAttempt  when a fetch may start again; empty when the last fetch succeeded
 */
public record KeySetStatus(int keys, Optional<Instant> fetchedAt, Optional<Instant> failingSince,
        Optional<String> lastFailure, Optional<Instant> nextAttempt) {

    public KeySetStatus {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    /** Keys configured by the application, never fetched. */
    public static KeySetStatus configured(int keys) {
        return new KeySetStatus(keys, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether tokens of this issuer can be checked now: keys are held (the last good ones, while fetches fail). */
    public boolean keysKnown() {
        return keys > 0;
    }
}
