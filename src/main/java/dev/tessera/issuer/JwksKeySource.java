package dev.tessera.issuer;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import dev.tessera.config.KeyRefreshPolicy;

/**
 * The keys of one issuer, fetched from its JWKS and cached (SECURITY.md rows 15-18). Nothing is fetched at
 * construction. Expired keys are refreshed in the background while requests keep using them; an unknown
 * {@code kid} triggers at most one fetch per {@link KeyRefreshPolicy#minRefreshInterval()}, shared by all
 * threads; when the issuer is down the last good keys stay in use. Known keys are served without locking.
 */
public final class JwksKeySource implements KeySource {

    /** Where the JWKS lives; may run discovery and fail. Called until it first succeeds, then never again. */
    @FunctionalInterface
    public interface Location {
        /** The JWKS URL; an {@link IOException} makes this fetch attempt fail and is retried later. */
        URI resolve() throws IOException;
    }

    /** Parses a fetched key set. */
    @FunctionalInterface
    interface KeySetReader {
        List<SigningKey> read(String content) throws ParseException;
    }

    private static final Logger LOG = Logger.getLogger(JwksKeySource.class.getName());
    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    // Refreshes run here so that no request thread waits for a refresh of keys it already has.
    // Threads are daemons and die when idle; at most one refresh per key source runs at a time.
    private static final Executor REFRESHER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tessera-key-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final Location location;
    private final HttpFetcher fetcher;
    private final KeyRefreshPolicy policy;
    private final Clock clock;
    private final KeySetReader reader;

    private volatile Snapshot current;
    private volatile URI jwksUri;
    private volatile Instant nextFetchAllowed = Instant.MIN;
    private volatile CompletableFuture<Snapshot> inFlight;
    private final Object lock = new Object();
    private Exception lastFailure;
    private boolean failing;

    /**
     * @param name     what log lines call this source, usually the issuer
     * @param location where the JWKS is; resolved at the first fetch, not here
     */
    public JwksKeySource(String name, Location location, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock) {
        this(name, location, fetcher, policy, clock, SigningKeys::fromJwks);
    }

    JwksKeySource(String name, Location location, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock,
            KeySetReader reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.location = Objects.requireNonNull(location, "location");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reader = reader;
    }

    /**
     * Keys from a known JWKS URL.
     *
     * @throws IllegalArgumentException when the URL is not https (or loopback http) and insecure http is not allowed
     */
    public static JwksKeySource forJwksUri(URI jwksUri, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock) {
        HttpFetcher.requireSecure(jwksUri, fetcher.policy().allowInsecureHttp());
        return new JwksKeySource(jwksUri.toString(), () -> jwksUri, fetcher, policy, clock);
    }

    /** Keys of an issuer whose {@code jwks_uri} is found by discovery at the first fetch. */
    public static JwksKeySource forIssuer(URI issuer, Discovery discovery, HttpFetcher fetcher, KeyRefreshPolicy policy,
            Clock clock) {
        return new JwksKeySource(issuer.toString(), () -> discovery.discover(issuer).jwksUri(), fetcher, policy, clock);
    }

    @Override
    public List<SigningKey> candidates(String kid) throws KeysUnavailableException {
        Snapshot snapshot = current;
        if (snapshot != null) {
            List<SigningKey> found = snapshot.lookup(kid);
            Instant now = clock.instant();
            if (!found.isEmpty()) {
                if (!now.isBefore(snapshot.expiresAt())) {
                    refreshIfAllowed(now); // stale: refresh in the background, keep using these keys meanwhile
                }
                return found;
            }
            // An unknown kid may be a rotation: wait for a (rate-limited, shared) refresh.
            CompletableFuture<Snapshot> refresh = refreshIfAllowed(now);
            if (refresh == null) {
                return current.lookup(kid);
            }
            return await(refresh).map(fresh -> fresh.lookup(kid)).orElseGet(() -> current.lookup(kid));
        }
        // No keys yet: every caller waits for the same fetch.
        Instant now = clock.instant();
        CompletableFuture<Snapshot> refresh = refreshIfAllowed(now);
        if (refresh == null) {
            Snapshot raced = current;
            if (raced != null) {
                return raced.lookup(kid);
            }
            throw unavailable(now, null);
        }
        Optional<Snapshot> fetched = await(refresh);
        if (fetched.isPresent()) {
            return fetched.get().lookup(kid);
        }
        throw unavailable(clock.instant(), refresh);
    }

    @Override
    public boolean isCurrent(SigningKey key) {
        Snapshot snapshot = current;
        if (snapshot == null) {
            return false;
        }
        Instant now = clock.instant();
        if (!now.isBefore(snapshot.expiresAt())) {
            refreshIfAllowed(now); // as in candidates(): a cache of verified tokens must see a rotation too
        }
        return snapshot.contains(key);
    }

    @Override
    public String toString() {
        return "JwksKeySource[" + name + "]";
    }

    /** The refresh in progress, or a completed future when none runs; lets tests wait for background work. */
    CompletableFuture<?> refreshing() {
        CompletableFuture<Snapshot> running = inFlight;
        return running == null ? CompletableFuture.completedFuture(null) : running;
    }

    /** Starts a refresh unless one runs (then joins it) or the last one started less than minRefreshInterval ago. */
    private CompletableFuture<Snapshot> refreshIfAllowed(Instant now) {
        if (inFlight == null && now.isBefore(nextFetchAllowed)) {
            return null; // the common rate-limited case, without taking the lock
        }
        synchronized (lock) {
            CompletableFuture<Snapshot> running = inFlight;
            if (running != null) {
                return running;
            }
            if (now.isBefore(nextFetchAllowed)) {
                return null;
            }
            nextFetchAllowed = now.plus(policy.minRefreshInterval());
            CompletableFuture<Snapshot> started = new CompletableFuture<>();
            inFlight = started;
            REFRESHER.execute(() -> refresh(started));
            return started;
        }
    }

    private void refresh(CompletableFuture<Snapshot> result) {
        Snapshot snapshot = null;
        Exception failure = null;
        try {
            snapshot = fetch();
        } catch (IOException | ParseException | RuntimeException e) {
            failure = e;
        } finally {
            synchronized (lock) {
                inFlight = null;
                if (snapshot != null) {
                    current = snapshot;
                    lastFailure = null;
                    if (failing) {
                        LOG.info("The signing keys of " + name + " can be fetched again");
                    }
                    failing = false;
                } else {
                    if (failure == null) {
                        failure = new IllegalStateException("the key refresh stopped unexpectedly");
                    }
                    lastFailure = failure;
                    if (!failing) {
                        // once per change of state, not once per request
                        LOG.warning("Cannot fetch the signing keys of " + name + ": " + failure.getMessage()
                                + (current != null ? "; the last good keys stay in use" : "; its tokens cannot be checked yet"));
                    }
                    failing = true;
                }
            }
            if (snapshot != null) {
                result.complete(snapshot);
            } else {
                result.completeExceptionally(failure);
            }
        }
    }

    private Snapshot fetch() throws IOException, ParseException {
        URI uri = jwksUri;
        if (uri == null) {
            uri = location.resolve();
            HttpFetcher.requireSecure(uri, fetcher.policy().allowInsecureHttp());
            jwksUri = uri;
        }
        HttpFetcher.FetchedResponse response = fetcher.get(uri);
        if (response.status() != 200) {
            throw new IOException("key set at " + uri + " answered HTTP " + response.status());
        }
        List<SigningKey> keys;
        try {
            keys = reader.read(response.text());
        } catch (ParseException e) {
            throw new IOException("key set at " + uri + " is not a valid key set: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            // treated as a failed fetch so that a broken response never replaces good keys
            throw new IOException("key set at " + uri + " has no usable signing keys");
        }
        Duration ttl = response.maxAge().map(this::clamp).orElse(policy.defaultTtl());
        return Snapshot.of(keptObjects(keys, current), clock.instant().plus(ttl));
    }

    /**
     * The fetched keys, each one that the previous key set already had (same kid, key and alg) replaced by that
     * earlier object. {@link #isCurrent} compares identity, so tokens verified with a key that is still published
     * stay current across refreshes, and a cache of verified tokens keeps them.
     */
    private static List<SigningKey> keptObjects(List<SigningKey> fetched, Snapshot previous) {
        if (previous == null) {
            return fetched;
        }
        List<SigningKey> kept = new ArrayList<>(fetched.size());
        for (SigningKey key : fetched) {
            int index = previous.keys().indexOf(key);
            kept.add(index < 0 ? key : previous.keys().get(index));
        }
        return kept;
    }

    private Duration clamp(Duration maxAge) {
        if (maxAge.compareTo(policy.minTtl()) < 0) {
            return policy.minTtl();
        }
        return maxAge.compareTo(policy.maxTtl()) > 0 ? policy.maxTtl() : maxAge;
    }

    /** Waits (bounded by the fetch timeouts) for a refresh; empty when it failed or took too long. */
    private Optional<Snapshot> await(CompletableFuture<Snapshot> refresh) {
        Duration perFetch = fetcher.policy().connectTimeout().plus(fetcher.policy().readTimeout());
        // discovery may need two more fetches before the key set itself
        Duration bound = perFetch.multipliedBy(jwksUri == null ? 3 : 1).plusMillis(250);
        try {
            return Optional.of(refresh.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private KeysUnavailableException unavailable(Instant now, CompletableFuture<Snapshot> refresh) {
        Duration retryAfter = Duration.between(now, nextFetchAllowed);
        if (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) {
            retryAfter = MIN_RETRY_AFTER;
        }
        Exception cause;
        synchronized (lock) {
            cause = lastFailure;
        }
        if (refresh != null && !refresh.isDone()) {
            return new KeysUnavailableException("the signing keys of " + name + " are still being fetched", retryAfter, null);
        }
        return new KeysUnavailableException("no signing keys of " + name + " are available"
                + (cause != null ? ": " + cause.getMessage() : ""), retryAfter, cause);
    }

    /** One immutable key set and when it expires; replaced as a whole, read without locks. */
    private record Snapshot(List<SigningKey> keys, Map<String, List<SigningKey>> byKid, List<SigningKey> withoutKid,
            Instant expiresAt) {

        static Snapshot of(List<SigningKey> keys, Instant expiresAt) {
            Map<String, List<SigningKey>> byKid = new HashMap<>();
            List<SigningKey> withoutKid = new ArrayList<>();
            for (SigningKey key : keys) {
                if (key.kid() == null) {
                    withoutKid.add(key);
                } else {
                    byKid.computeIfAbsent(key.kid(), k -> new ArrayList<>()).add(key);
                }
            }
            byKid.replaceAll((kid, list) -> List.copyOf(list));
            return new Snapshot(List.copyOf(keys), Map.copyOf(byKid), List.copyOf(withoutKid), expiresAt);
        }

        /** Every key for no kid; else the keys with that kid, or, when none has it, the keys without a kid. */
        List<SigningKey> lookup(String kid) {
            if (kid == null) {
                return keys;
            }
            List<SigningKey> found = byKid.get(kid);
            return found != null ? found : withoutKid;
        }

        boolean contains(SigningKey key) {
            for (SigningKey k : keys) {
                if (k == key) {
                    return true;
                }
            }
            return false;
        }
    }
}
