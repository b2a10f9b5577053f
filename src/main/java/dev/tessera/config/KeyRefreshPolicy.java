package dev.tessera.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an issuer's keys are trusted from cache and how often they may be fetched again.
 *
 * @param defaultTtl         key set lifetime when the response has no usable {@code Cache-Control: max-age}
 * @param minTtl             lower bound applied to {@code max-age}
 * @param maxTtl             upper bound applied to {@code max-age}
 * @param minRefreshInterval at most one fetch per this interval, however many unknown {@code kid}s arrive;
 *                           short, so that a genuine key rotation is picked up within seconds
 * @param maxWait            the longest one request waits for a fetch of keys it needs; every other request that needs
 *                           keys being fetched is answered "unavailable, retry after" at once
 */
public record KeyRefreshPolicy(Duration defaultTtl, Duration minTtl, Duration maxTtl, Duration minRefreshInterval,
        Duration maxWait) {

    /** How long one request waits for keys being fetched, unless configured. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    public static final KeyRefreshPolicy DEFAULT =
            new KeyRefreshPolicy(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(24), Duration.ofSeconds(5));

    /** A policy with the default {@link #maxWait()}. */
    public KeyRefreshPolicy(Duration defaultTtl, Duration minTtl, Duration maxTtl, Duration minRefreshInterval) {
        this(defaultTtl, minTtl, maxTtl, minRefreshInterval, DEFAULT_MAX_WAIT);
    }

    public KeyRefreshPolicy {
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        Objects.requireNonNull(minTtl, "minTtl");
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        if (minTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("the minimum TTL must not exceed the maximum TTL");
        }
        if (defaultTtl.compareTo(minTtl) < 0 || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("the TTL must lie between the minimum and the maximum TTL");
        }
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("the minimum refresh interval must not be negative");
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the longest wait for keys must not be negative");
        }
    }
}
