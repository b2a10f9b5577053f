package dev.tessera.issuer;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.observation.Observer;

/**
 * The keys of one issuer, fetched from its JWKS and cached (threat model rows 15-18), composed of small parts:
 * {@link KeySetFetch} (one fetch), {@link CacheLifetime} (how long a set lives), {@link FetchSchedule} (rate limit
 * and circuit), {@link SingleFlight} (one fetch, one waiter) and {@link OutageLog}. Nothing is fetched at
 * construction; fetches run on the executor given, never on a request thread. Known keys are served without locks.
 *
 * <p>The rules, in numbers (defaults: {@code minRefreshInterval} 5 s, {@code maxWait} 2 s, TTL 60 s to 24 h):
 * <ul>
 * <li>Fetches: at most one in flight and at most one started per {@code minRefreshInterval}, whatever the load or
 * the number of unknown {@code kid}s (threat model row 16). After a failure none starts for 5 s, then 10 s, 20 s,
 * 40 s, up to 60 s (plus up to 20% jitter) while the issuer keeps failing.</li>
 * <li>Waiting: at most one request at a time waits for a fetch, for at most {@code maxWait}; every other request
 * that needs keys not in hand gets {@link KeysUnavailableException} (503, {@code Retry-After} at least 1 s) at
 * once. Requests whose keys are in hand never wait; expired keys are refreshed in the background and served
 * meanwhile, and the last good keys stay in use while the issuer is down.</li>
 * <li>Rotation: a {@code kid} is reported unknown (the token is then invalid, 401) only by a key set whose fetch
 * started no earlier than the request arrived. Otherwise the request starts a fetch if one is due (and may wait
 * for it), or gets "unavailable, retry after" (503) with the time until the next fetch, at most 5 s.</li>
 * <li>Removal: a key set lives {@link CacheLifetime max-age clamped to [minTtl, maxTtl]}; with Keycloak's
 * {@code no-cache}, 60 s. A key removed by the issuer is refused from the end of the fetch that follows the
 * expiry of the set that had it: within TTL plus one fetch deadline (connect + read timeout, default 5 s) of the
 * start of the fetch that last saw it, 65 s with the defaults, as long as the issuer answers.</li>
 * </ul>
 */
public final class JwksKeySource implements KeySource {

    /** Where the JWKS lives; may run discovery and fail. Called until it first succeeds, then never again. */
    @FunctionalInterface
    interface Location {
        /** The JWKS URL; an {@link IOException} makes this fetch attempt fail and is retried later. */
        URI resolve() throws IOException;
    }

    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

    private final String name;
    private final KeySetFetch fetch;
    private final FetchSchedule schedule;
    private final SingleFlight<KeySet> flight;
    private final OutageLog outage;
    private final Duration maxWait;
    private final Clock clock;
    private final Observer observer;

    private volatile KeySet current;
    private volatile Exception lastFailure;
    private volatile Instant failingSince;

    JwksKeySource(String name, Location location, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock,
            Executor refresher, KeySetFetch.KeySetReader reader) {
        this(name, location, fetcher, policy, clock, refresher, reader, Observer.NONE);
    }

    JwksKeySource(String name, Location location, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock,
            Executor refresher, KeySetFetch.KeySetReader reader, Observer observer) {
        this.name = Objects.requireNonNull(name, "name");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fetch = new KeySetFetch(location, fetcher, reader, new CacheLifetime(policy), clock);
        this.schedule = new FetchSchedule(policy.minRefreshInterval());
        this.flight = new SingleFlight<>(refresher);
        this.outage = new OutageLog(name);
        this.maxWait = policy.maxWait();
    }

    /**
     * Keys from a known JWKS URL, refreshed on {@code refresher}.
     *
     * @throws IllegalArgumentException when the URL is not https (or loopback http) and insecure http is not allowed
     */
    public static JwksKeySource forJwksUri(URI jwksUri, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock,
            Executor refresher) {
        HttpFetcher.requireSecure(jwksUri, fetcher.policy().allowInsecureHttp());
        return new JwksKeySource(jwksUri.toString(), () -> jwksUri, fetcher, policy, clock, refresher, SigningKeys::fromJwks);
    }

    /** Keys of an issuer whose {@code jwks_uri} is found by discovery at the first fetch, refreshed on {@code refresher}. */
    public static JwksKeySource forIssuer(URI issuer, Discovery discovery, HttpFetcher fetcher, KeyRefreshPolicy policy,
            Clock clock, Executor refresher) {
        return forIssuer(issuer, discovery, fetcher, policy, clock, refresher, JwsAlgorithm.MIN_RSA_BITS, Observer.NONE);
    }

    /**
     * Like {@link #forIssuer(URI, Discovery, HttpFetcher, KeyRefreshPolicy, Clock, Executor)}, RSA keys of
     * {@code minRsaBits}+, each fetch told to {@code observer}.
     */
    public static JwksKeySource forIssuer(URI issuer, Discovery discovery, HttpFetcher fetcher, KeyRefreshPolicy policy,
            Clock clock, Executor refresher, int minRsaBits, Observer observer) {
        return new JwksKeySource(issuer.toString(), () -> discovery.discover(issuer).jwksUri(), fetcher, policy, clock,
                refresher, json -> SigningKeys.fromJwks(json, minRsaBits), observer);
    }

    @Override
    public List<String> publishedKids() {
        KeySet keys = current;
        return keys == null ? List.of() : SigningKey.kidsOf(keys.keys());
    }

    @Override
    public List<SigningKey> candidates(String kid) throws KeysUnavailableException {
        Instant arrived = clock.instant();
        KeySet keys = current;
        if (keys != null) {
            List<SigningKey> found = keys.lookup(kid);
            if (!found.isEmpty()) {
                if (keys.isExpiredAt(arrived)) {
                    fetchIfDue(arrived); // stale: refresh in the background, keep using these keys meanwhile
                }
                return found;
            }
            if (!keys.fetchStarted().isBefore(arrived)) {
                return found; // fetched since this request arrived: the kid is unknown to the issuer
            }
        }
        // No keys yet, or an unknown kid that may be a rotation: only a fetch started now can tell.
        CompletableFuture<KeySet> fetching = fetchIfDue(arrived);
        if (fetching != null) {
            Optional<KeySet> fetched = flight.await(fetching, maxWait);
            if (fetched.isPresent()) {
                List<SigningKey> found = fetched.get().lookup(kid);
                if (!found.isEmpty() || !fetched.get().fetchStarted().isBefore(arrived)) {
                    return found;
                }
            }
        }
        throw unavailable(clock.instant(), current != null);
    }

    @Override
    public boolean isCurrent(SigningKey key) {
        KeySet keys = current;
        if (keys == null) {
            return false;
        }
        Instant now = clock.instant();
        if (keys.isExpiredAt(now)) {
            fetchIfDue(now); // as in candidates(): a cache of verified tokens must see a rotation too
        }
        return keys.contains(key);
    }

    /** Starts the first fetch, or a due refresh, as a request would (rate-limited, in the background), and reports. */
    @Override
    public KeySetStatus status() {
        Instant now = clock.instant();
        KeySet keys = current;
        if (keys == null || keys.isExpiredAt(now)) {
            fetchIfDue(now);
        }
        Exception failure = lastFailure;
        Instant since = failingSince;
        boolean failing = failure != null && since != null;
        return new KeySetStatus(keys == null ? 0 : keys.keys().size(),
                keys == null ? Optional.empty() : Optional.of(keys.fetchStarted()),
                failing ? Optional.of(since) : Optional.empty(),
                failing ? Optional.ofNullable(failure.getMessage()) : Optional.empty(),
                failing ? Optional.of(schedule.nextAttempt()) : Optional.empty());
    }

    @Override
    public String toString() {
        return "JwksKeySource[" + name + "]";
    }

    /** The fetch in progress, or a completed future when none runs; lets tests wait for background work. */
    CompletableFuture<?> refreshing() {
        CompletableFuture<KeySet> running = flight.running();
        return running == null ? CompletableFuture.completedFuture(null) : running;
    }

    /** The fetch in flight, else a new one when the schedule allows it, else null. */
    private CompletableFuture<KeySet> fetchIfDue(Instant now) {
        CompletableFuture<KeySet> running = flight.running();
        if (running != null) {
            return running;
        }
        return schedule.tryStart(now) ? flight.start(this::fetchAndRecord) : null;
    }

    private KeySet fetchAndRecord() throws IOException {
        try {
            KeySet fresh = fetch.fetch(current);
            current = fresh;
            lastFailure = null;
            failingSince = null;
            schedule.succeeded();
            outage.succeeded();
            observer.keySetFetched(name, true);
            return fresh;
        } catch (IOException | RuntimeException e) {
            Instant failed = clock.instant();
            if (lastFailure == null) {
                failingSince = failed;
            }
            lastFailure = e;
            schedule.failed(failed);
            outage.failed(e, current != null);
            observer.keySetFetched(name, false);
            throw e;
        }
    }

    private KeysUnavailableException unavailable(Instant now, boolean haveKeys) {
        Duration retryAfter = Duration.between(now, schedule.nextAttempt());
        if (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) {
            retryAfter = MIN_RETRY_AFTER;
        }
        Exception cause = lastFailure;
        if (cause != null) {
            return new KeysUnavailableException("no current signing keys of " + name + " are available: "
                    + cause.getMessage(), retryAfter, cause);
        }
        return new KeysUnavailableException(haveKeys
                ? "the signing keys of " + name + " are being refreshed; the token's kid is not known yet"
                : "the signing keys of " + name + " are still being fetched", retryAfter, null);
    }
}
