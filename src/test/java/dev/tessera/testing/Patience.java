package dev.tessera.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.tessera.config.FetchPolicy;
import dev.tessera.config.KeyRefreshPolicy;

/**
 * Time bounds for unit tests, which CI and users run on busy 2-core machines. Work a test expects to succeed gets
 * deadlines no load reaches; a test waits for what it expects by polling a condition within a bound, never by
 * sleeping a guessed time. A test of a deadline keeps the deadline short, makes the other side hang until released
 * ({@link TestIssuer#hang()}) and asserts the outcome, plus at most {@link #UPPER_BOUND} for how long it took.
 */
public final class Patience {

    /** The deadline of a fetch or a wait that must succeed: far beyond any delay load causes. */
    public static final Duration GENEROUS = Duration.ofSeconds(10);

    /** The longest a test waits for something it expects to happen before it fails. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * "Returned within a short deadline", asserted with a margin load cannot break: far above the deadlines tests
     * configure (under a second; whole tests of this kind took up to 4.5 s at a load average of 45 on two cores), far
     * below the minutes a hanging peer or a missing bound would take.
     */
    public static final Duration UPPER_BOUND = Duration.ofSeconds(20);

    private Patience() {
    }

    /** Fetch bounds for fetches that must succeed: {@link #GENEROUS} to connect and again for the response. */
    public static FetchPolicy fetches(int maxResponseBytes) {
        return new FetchPolicy(GENEROUS, GENEROUS, maxResponseBytes, false);
    }

    /** The policy with a caller waiting up to {@link #WAIT} for keys being fetched, so that load cannot fail the wait. */
    public static KeyRefreshPolicy waitingLong(KeyRefreshPolicy policy) {
        return new KeyRefreshPolicy(policy.defaultTtl(), policy.minTtl(), policy.maxTtl(), policy.minRefreshInterval(), WAIT);
    }

    /** Polls the condition until it holds; fails naming {@code what} when it has not within {@link #WAIT}. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(10); // a poll interval, not a guess at how long the work takes
        }
    }
}
