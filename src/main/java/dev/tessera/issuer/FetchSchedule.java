package dev.tessera.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the next fetch may start: a rate limit and a circuit. Fetches start at most once per {@code interval}.
 * After a failure the circuit is open for {@code interval}; each further consecutive failure doubles that wait,
 * up to {@link #MAX_BACKOFF_FACTOR} intervals, plus up to 20% random jitter so that many servers do not retry
 * in step. Thread-safe.
 */
final class FetchSchedule {

    /** The longest wait after repeated failures, in intervals (60 s with the default 5 s interval). */
    static final int MAX_BACKOFF_FACTOR = 12;

    private final Duration interval;
    private volatile Instant next = Instant.MIN;
    private int failures;

    FetchSchedule(Duration interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Claims the next fetch when it is due; false while rate-limited or while the circuit is open. */
    boolean tryStart(Instant now) {
        if (now.isBefore(next)) {
            return false; // the common case, without a lock
        }
        synchronized (this) {
            if (now.isBefore(next)) {
                return false;
            }
            next = now.plus(interval);
            return true;
        }
    }

    /** When a fetch may start next. */
    Instant nextAttempt() {
        return next;
    }

    synchronized void succeeded() {
        failures = 0;
    }

    /** Opens the circuit from {@code now}, the moment the fetch failed, for the backoff of this failure. */
    synchronized void failed(Instant now) {
        failures++;
        long factor = Math.min(1L << Math.min(failures - 1, 30), MAX_BACKOFF_FACTOR);
        Duration backoff = interval.multipliedBy(factor);
        if (failures > 1) {
            backoff = backoff.plusMillis((long) (backoff.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
        }
        Instant reopen = now.plus(backoff);
        if (reopen.isAfter(next)) {
            next = reopen;
        }
    }
}
