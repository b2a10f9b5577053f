package dev.tessera.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.tessera.config.RetryPolicy;

/**
 * How long Tessera waits before asking a failing token endpoint again, so that a failing endpoint is not hammered.
 * <ul>
 * <li><b>Within one request cycle</b> (one caller's token request, shared by all callers waiting for it): network
 * errors, timeouts, 5xx and 429 are tried up to {@code retry.max-attempts} times (default 3). The pause after failed
 * attempt n is {@code retry.initial-backoff} × 2^(n-1), at most {@code retry.max-backoff} (defaults 200 ms, 400 ms,
 * capped at 2 s), less up to 25 % random jitter. A {@code Retry-After} (RFC 9110 §10.2.3, delta-seconds or an
 * HTTP-date) makes the pause at least that long; one longer than {@code retry.max-backoff} ends the cycle at once.</li>
 * <li><b>Between cycles</b>: a failed cycle, and an OAuth refusal such as {@code invalid_client} (not retried
 * within the cycle), is remembered. Until the hold-off ends, no new token request is sent: callers get the
 * still-valid cached token if there is one, or else at once the same failure, saying when the next attempt is due.
 * The hold-off after the k-th failure in a row is 5 s × 2^(k-1), at most 60 s (5, 10, 20, 40, 60, 60 ... s), less
 * up to 25 % jitter, and never shorter than the endpoint's {@code Retry-After}, which is honoured up to 5 minutes.
 * A success forgets the failures.</li>
 * </ul>
 */
final class TokenBackoff {

    /** The hold-off after the first failed cycle in a row; it doubles with each further one. */
    static final Duration FIRST_HOLD_OFF = Duration.ofSeconds(5);
    /** The longest hold-off Tessera chooses itself. */
    static final Duration MAX_HOLD_OFF = Duration.ofSeconds(60);
    /** A longer {@code Retry-After} is taken as this long: a token endpoint cannot switch a client off for hours. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    /** Pauses and hold-offs are shortened by a random fraction of up to this much, so that clients spread out. */
    static final double JITTER = 0.25;

    private final RetryPolicy retry;
    private final DoubleSupplier random;

    /**
     * @param random numbers in [0, 1) for the jitter; tests pass a constant
     */
    TokenBackoff(RetryPolicy retry, DoubleSupplier random) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Jitter from {@link ThreadLocalRandom}. */
    static DoubleSupplier randomJitter() {
        return () -> ThreadLocalRandom.current().nextDouble();
    }

    /** The retry policy of the request cycle. */
    RetryPolicy retry() {
        return retry;
    }

    /** The pause after failed attempt {@code attempt} (1-based) of a cycle, at least {@code retryAfter}. */
    Duration pause(int attempt, Optional<Duration> retryAfter) {
        return atLeast(jittered(retry.backoff(attempt)), retryAfter);
    }

    /** Whether the endpoint asks for a longer wait than a cycle pauses: then the cycle ends at once. */
    boolean endsCycle(Duration retryAfter) {
        return retryAfter.compareTo(retry.maxBackoff()) > 0;
    }

    /** How long no new request is sent after the {@code failures}-th failed cycle in a row. */
    Duration holdOff(int failures, Optional<Duration> retryAfter) {
        Duration hold = FIRST_HOLD_OFF;
        for (int i = 1; i < failures && hold.compareTo(MAX_HOLD_OFF) < 0; i++) {
            hold = hold.multipliedBy(2);
        }
        return atLeast(jittered(hold.compareTo(MAX_HOLD_OFF) > 0 ? MAX_HOLD_OFF : hold), retryAfter);
    }

    /**
     * The wait a {@code Retry-After} value asks for (RFC 9110 §10.2.3: delta-seconds or an HTTP-date), at most
     * {@link #MAX_RETRY_AFTER}; empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        Duration wait;
        if (value.matches("\\d{1,9}")) {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    private Duration jittered(Duration nominal) {
        double fraction = Math.min(Math.max(random.getAsDouble(), 0), 1) * JITTER;
        return Duration.ofNanos((long) (nominal.toNanos() * (1 - fraction)));
    }

    private static Duration atLeast(Duration pause, Optional<Duration> floor) {
        return floor.filter(f -> f.compareTo(pause) > 0).orElse(pause);
    }
}
