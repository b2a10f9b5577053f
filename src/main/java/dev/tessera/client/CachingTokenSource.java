package dev.tessera.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.tessera.config.TokenCachePolicy;
import dev.tessera.observation.Observer;
import dev.tessera.observation.Observer.TokenRequestOutcome;

/**
 * Caches the token of one client and refreshes it ahead of expiry.
 * <ul>
 * <li>A cached, fresh token costs one volatile read and one clock read: no lock.</li>
 * <li>At most one token request cycle is in flight (single flight); callers without a usable token wait for it,
 * bounded by {@link TokenCachePolicy#waitTimeout()}.</li>
 * <li>Once a token is within its refresh margin, one background refresh starts while callers keep getting
 * the current token; if that refresh fails, the current token stays in use until it expires.</li>
 * <li>A failed cycle is remembered for its hold-off ({@link TokenBackoff}): meanwhile no request is sent, and callers
 * without a still-valid token get the failure at once, saying when the next attempt is due.</li>
 * </ul>
 */
final class CachingTokenSource implements TokenSource {

    private static final Logger LOG = Logger.getLogger(CachingTokenSource.class.getName());

    /** A token with the instants (epoch millis) at which it gets refreshed, stops being handed out, expires. */
    private record Cached(AccessToken token, long refreshAt, long stopAt, long expiresAt) {
    }

    /**
     * The last failure: no new request before {@code retryAt}; {@code inARow} failed cycles since the last success, the
     * first of them at {@code since}.
     */
    private record Failure(TokenUnavailableException held, long retryAt, int inARow, Instant since) {
    }

    private final String client;
    private final Supplier<AccessToken> fetch;
    private final TokenCachePolicy policy;
    private final TokenBackoff backoff;
    private final Clock clock;
    private final Executor executor;
    private final Observer observer;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Cached>> inFlight = new AtomicReference<>();

    /**
     * @param fetch    obtains a new token (one request cycle with its retries); throws {@link TokenUnavailableException}
     * @param backoff  how long a failure is remembered
     * @param executor runs the token requests, so that waiting callers can give up after the wait timeout
     */
    CachingTokenSource(String client, Supplier<AccessToken> fetch, TokenCachePolicy policy, TokenBackoff backoff,
            Clock clock, Executor executor) {
        this(client, fetch, policy, backoff, clock, executor, Observer.NONE);
    }

    /** Like the constructor above, telling {@code observer} how each token request cycle ended and how long it took. */
    CachingTokenSource(String client, Supplier<AccessToken> fetch, TokenCachePolicy policy, TokenBackoff backoff,
            Clock clock, Executor executor, Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.client = Objects.requireNonNull(client, "client");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public AccessToken token() {
        Cached current = cached.get();
        if (current != null && clock.millis() < current.refreshAt) {
            return current.token;
        }
        return refreshOrWait(current);
    }

    @Override
    public void invalidate(AccessToken token) {
        Cached current = cached.get();
        if (current != null && current.token.equals(token) && cached.compareAndSet(current, null)) {
            LOG.fine(() -> "client '" + client + "': cached token dropped");
        }
    }

    /**
     * What this source knows now, for a readiness check. Sends nothing itself: when no token is cached (or it is due
     * for refresh) and no failure is being held off, it starts the one background request a caller would start now.
     */
    TokenSourceStatus status() {
        Cached current = cached.get();
        long now = clock.millis();
        if ((current == null || now >= current.refreshAt) && holding(now).isEmpty()) {
            refresh(current);
        }
        Failure f = failure.get();
        Optional<AccessToken> held = stillValid();
        return new TokenSourceStatus(held.isPresent(), held.map(AccessToken::expiresAt),
                f == null ? Optional.empty() : Optional.of(f.held.getMessage()),
                f == null ? Optional.empty() : Optional.of(f.since),
                f == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(f.retryAt)));
    }

    private AccessToken refreshOrWait(Cached current) {
        long now = clock.millis();
        Optional<Failure> holding = holding(now);
        if (current != null && now < current.stopAt) {
            // refresh ahead: this caller does not wait, and during a hold-off nobody asks the endpoint
            if (holding.isEmpty()) {
                refresh(current);
            }
            return current.token;
        }
        if (holding.isPresent()) {
            return stillValid().orElseThrow(() -> holding.get().held);
        }
        CompletableFuture<Cached> pending = refresh(current);
        try {
            return pending.get(policy.waitTimeout().toMillis(), TimeUnit.MILLISECONDS).token;
        } catch (TimeoutException e) {
            return stillValid().orElseThrow(() -> new TokenUnavailableException(client,
                    "no token within " + policy.waitTimeout().toMillis() + " ms; the token request is still running", null));
        } catch (ExecutionException e) {
            Optional<AccessToken> old = stillValid();
            if (old.isPresent()) {
                return old.get();
            }
            if (e.getCause() instanceof TokenUnavailableException unavailable) {
                throw unavailable;
            }
            throw new TokenUnavailableException(client, "the token request failed: " + e.getCause().getClass().getName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException(client, "interrupted while waiting for a token", e);
        }
    }

    /** The remembered failure while its hold-off lasts. */
    private Optional<Failure> holding(long now) {
        Failure f = failure.get();
        return f != null && now < f.retryAt ? Optional.of(f) : Optional.empty();
    }

    /** The cached token when it has not expired yet (nor been dropped): better than no token. */
    private Optional<AccessToken> stillValid() {
        Cached c = cached.get();
        return c != null && clock.millis() < c.expiresAt ? Optional.of(c.token) : Optional.empty();
    }

    /** The token request in flight, or a new one when there is none (single flight). */
    private CompletableFuture<Cached> refresh(Cached basis) {
        while (true) {
            CompletableFuture<Cached> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<Cached> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                // another cycle may have finished since the caller looked: its token, or its failure, stands
                Cached latest = cached.get();
                Optional<Failure> holding = holding(clock.millis());
                if (latest != null && latest != basis && clock.millis() < latest.refreshAt) {
                    inFlight.set(null);
                    mine.complete(latest);
                } else if (holding.isPresent()) {
                    inFlight.set(null);
                    mine.completeExceptionally(holding.get().held);
                } else {
                    start(mine);
                }
                return mine;
            }
        }
    }

    private void start(CompletableFuture<Cached> mine) {
        try {
            executor.execute(() -> run(mine));
        } catch (RejectedExecutionException e) {
            inFlight.compareAndSet(mine, null);
            mine.completeExceptionally(new TokenUnavailableException(client, "the token refresher is shut down", e));
        }
    }

    private void run(CompletableFuture<Cached> mine) {
        long started = System.nanoTime();
        try {
            Cached fresh = cacheEntry(fetch.get());
            observer.tokenRequested(client, TokenRequestOutcome.SUCCESS, Duration.ofNanos(System.nanoTime() - started));
            cached.set(fresh);
            failure.set(null);
            inFlight.set(null);
            mine.complete(fresh);
            LOG.fine(() -> "client '" + client + "': new token, expires at " + fresh.token.expiresAt());
        } catch (RuntimeException | Error e) {
            TokenUnavailableException unavailable = e instanceof TokenUnavailableException u ? u
                    : new TokenUnavailableException(client, "the token request failed: " + e.getClass().getName(), e);
            observer.tokenRequested(client, e instanceof TokenRequestRefusedException ? TokenRequestOutcome.REFUSED
                    : TokenRequestOutcome.FAILURE, Duration.ofNanos(System.nanoTime() - started));
            remember(unavailable);
            LOG.log(Level.FINE, e, () -> "client '" + client + "': token request failed");
            inFlight.set(null);
            mine.completeExceptionally(unavailable);
        }
    }

    /** Holds further requests off; set before the cycle ends, so that no caller starts another one meanwhile. */
    private void remember(TokenUnavailableException e) {
        Failure previous = failure.get();
        int inARow = previous == null ? 1 : previous.inARow + 1;
        Instant now = clock.instant();
        Instant next = now.plus(backoff.holdOff(inARow, e.retryAfter()));
        failure.set(new Failure(e.heldUntil(next), next.toEpochMilli(), inARow, previous == null ? now : previous.since));
        Cached current = cached.get();
        String keeping = current != null && clock.millis() < current.expiresAt
                ? "; the current token stays in use until " + current.token.expiresAt() : "";
        LOG.warning(() -> e.getMessage() + "; no new token request before " + next + keeping);
    }

    private Cached cacheEntry(AccessToken token) {
        long now = clock.millis();
        long expiresAt = token.expiresAt().toEpochMilli();
        Duration lifetime = Duration.ofMillis(Math.max(0, expiresAt - now));
        if (lifetime.isZero()) {
            throw new TokenUnavailableException(client, "the token endpoint issued a token that has already expired", null);
        }
        return new Cached(token, expiresAt - policy.refreshAhead(lifetime).toMillis(),
                expiresAt - policy.stopAhead(lifetime).toMillis(), expiresAt);
    }

    @Override
    public String toString() {
        return "CachingTokenSource[" + client + "]";
    }
}
