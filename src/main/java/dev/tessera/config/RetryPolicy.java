package dev.tessera.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How often one token request cycle tries the endpoint when the network fails or the endpoint answers 5xx or
 * 429; OAuth error responses are never retried. What happens between cycles is {@code TokenBackoff}'s business.
 *
 * @param maxAttempts    attempts in total, at least 1
 * @param initialBackoff pause after the first failed attempt; doubled after each further one
 * @param maxBackoff     upper bound of a pause
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new SettingRefusedException("retry.max-attempts", "must be at least 1");
        }
        if (initialBackoff.isNegative() || initialBackoff.compareTo(maxBackoff) > 0) {
            throw new SettingRefusedException("retry.initial-backoff", "must not be negative nor exceed retry.max-backoff ("
                    + maxBackoff + ")");
        }
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration pause = initialBackoff;
        for (int i = 1; i < attempt && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
