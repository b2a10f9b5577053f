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

/**
 * Caches the token of one client and refreshes it ahead of expiry.
 * <ul>
 * <li>A cached, fresh token costs one volatile read and one clock read: no lock.</li>
 * <li>At most one token request is in flight (single flight); callers without a usable token wait for it,
 * bounded by {@link TokenCachePolicy#waitTimeout()}.</li>
 * <li>Once a token is within its refresh margin, one background refresh starts while callers keep getting
 * the current token; if that refresh fails, the current token stays in use until it expires.</li>
 * </ul>
 */
final class CachingTokenSource implements TokenSource {

    private static final Logger LOG = Logger.getLogger(CachingTokenSource.class.getName());
    /** After a failed refresh-ahead, the next attempt waits this long (the current token stays in use). */
    static final Duration RETRY_AHEAD_DELAY = Duration.ofSeconds(5);

    /** A token with the instants (epoch millis) at which it gets refreshed, stops being handed out, expires. */
    private record Cached(AccessToken token, long refreshAt, long stopAt, long expiresAt) {
    }

    private final String client;
    private final Supplier<AccessToken> fetch;
    private final TokenCachePolicy policy;
    private final Clock clock;
    private final Executor executor;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Cached>> inFlight = new AtomicReference<>();

    /**
     * @param fetch    obtains a new token (one request cycle with its retries); throws {@link TokenUnavailableException}
     * @param executor runs the token requests, so that waiting callers can give up after the wait timeout
     */
    CachingTokenSource(String client, Supplier<AccessToken> fetch, TokenCachePolicy policy, Clock clock, Executor executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.policy = Objects.requireNonNull(policy, "policy");
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

    private AccessToken refreshOrWait(Cached current) {
        if (current != null && clock.millis() < current.stopAt) {
            // refresh ahead: this caller does not wait
            refresh(current);
            return current.token;
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
                Cached latest = cached.get();
                if (latest != null && latest != basis && clock.millis() < latest.refreshAt) {
                    // another request finished since the caller looked: no need for one more
                    inFlight.set(null);
                    mine.complete(latest);
                    return mine;
                }
                try {
                    executor.execute(() -> run(mine, basis));
                } catch (RejectedExecutionException e) {
                    inFlight.compareAndSet(mine, null);
                    mine.completeExceptionally(new TokenUnavailableException(client, "the token refresher is shut down", e));
                }
                return mine;
            }
        }
    }

    private void run(CompletableFuture<Cached> mine, Cached basis) {
        try {
            Cached fresh = cacheEntry(fetch.get());
            cached.set(fresh);
            inFlight.set(null);
            mine.complete(fresh);
            LOG.fine(() -> "client '" + client + "': new token, expires at " + fresh.token.expiresAt());
        } catch (RuntimeException | Error e) {
            long now = clock.millis();
            if (basis != null && now < basis.expiresAt) {
                // keep serving the still-valid token; try again a little later, not on every call
                long retryAt = Math.min(now + RETRY_AHEAD_DELAY.toMillis(), basis.expiresAt);
                cached.compareAndSet(basis, new Cached(basis.token, retryAt, basis.stopAt, basis.expiresAt));
                LOG.warning(() -> "client '" + client + "': token refresh failed (" + e.getClass().getSimpleName()
                        + "); the current token stays in use until " + basis.token.expiresAt());
            }
            LOG.log(Level.FINE, e, () -> "client '" + client + "': token request failed");
            inFlight.set(null);
            mine.completeExceptionally(e);
        }
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

    /** When the cached token expires, for tests and diagnostics. */
    Optional<Instant> cachedExpiry() {
        return Optional.ofNullable(cached.get()).map(c -> c.token.expiresAt());
    }

    @Override
    public String toString() {
        return "CachingTokenSource[" + client + "]";
    }
}
