package dev.tessera.telemetry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import dev.tessera.observation.Observer;
import dev.tessera.observation.Refusal;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Tessera's metrics on an OpenTelemetry {@link Meter} named {@value #SCOPE}. Attribute sets are built once, so a
 * request adds to a counter with no allocation of its own; nothing recorded names a token, a subject or a secret.
 * The names, attributes and units are listed in docs/operations.md.
 */
final class MetricsObserver implements Observer, AutoCloseable {

    static final String SCOPE = "dev.tessera";

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
    static final AttributeKey<String> ISSUER = AttributeKey.stringKey("issuer");
    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client");

    private static final Attributes ACCEPTED = Attributes.of(OUTCOME, "accepted");
    private static final Attributes UNAVAILABLE = Attributes.of(OUTCOME, "unavailable");
    private static final Attributes HIT = Attributes.of(RESULT, "hit");
    private static final Attributes MISS = Attributes.of(RESULT, "miss");
    private static final Map<Refusal, Attributes> REFUSED = new EnumMap<>(Refusal.class);

    /**
     * Bucket boundaries of the token request duration, in seconds: those OpenTelemetry's semantic conventions give
     * HTTP request durations. Without them the SDK's defaults (0, 5, 10, 25, ... 10000, meant for milliseconds) would
     * put every request of under five seconds in one bucket.
     */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);

    static {
        for (Refusal reason : Refusal.values()) {
            REFUSED.put(reason, Attributes.of(OUTCOME, "refused", REASON, reason.attribute()));
        }
    }

    private final LongCounter tokens;
    private final LongCounter cacheLookups;
    private final LongCounter keySetFetches;
    private final DoubleHistogram tokenRequests;
    private final ObservableLongGauge cacheSize;
    private final List<IntSupplier> caches = new CopyOnWriteArrayList<>();
    private final Map<String, Attributes> fetchAttributes = new ConcurrentHashMap<>();
    private final Map<String, Attributes> requestAttributes = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    MetricsObserver(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(SCOPE);
        tokens = meter.counterBuilder("tessera.bearer.tokens").setUnit("{token}")
                .setDescription("Bearer tokens accepted, refused (by reason) or not checked because the issuer's keys"
                        + " were unavailable").build();
        cacheLookups = meter.counterBuilder("tessera.bearer.token_cache.lookups").setUnit("{lookup}")
                .setDescription("Lookups in the verified-token cache, by result (hit or miss)").build();
        cacheSize = meter.gaugeBuilder("tessera.bearer.token_cache.size").ofLongs().setUnit("{token}")
                .setDescription("Tokens held by the verified-token cache")
                .buildWithCallback(measurement -> measurement.record(cachedTokens()));
        keySetFetches = meter.counterBuilder("tessera.issuer.key_set.fetches").setUnit("{fetch}")
                .setDescription("Fetches of an issuer's key set (with its discovery), by issuer and outcome").build();
        tokenRequests = meter.histogramBuilder("tessera.client.token_request.duration").setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .setDescription("Outbound token request cycles (with their retries), by client and outcome").build();
    }

    /** The metrics on the application's {@code OpenTelemetry} bean; empty when it has none. */
    static Optional<MetricsObserver> of(BeanManager beans) {
        Instance<OpenTelemetry> openTelemetry = beans.createInstance().select(OpenTelemetry.class);
        return openTelemetry.isResolvable() ? Optional.of(new MetricsObserver(openTelemetry.get())) : Optional.empty();
    }

    @Override
    public void tokenAccepted() {
        tokens.add(1, ACCEPTED);
    }

    @Override
    public void tokenRefused(Refusal reason) {
        tokens.add(1, REFUSED.get(reason));
    }

    @Override
    public void tokenUnchecked() {
        tokens.add(1, UNAVAILABLE);
    }

    @Override
    public void tokenCacheLookup(boolean hit) {
        cacheLookups.add(1, hit ? HIT : MISS);
    }

    @Override
    public void tokenCache(IntSupplier entries) {
        caches.add(entries);
    }

    @Override
    public void keySetFetched(String issuer, boolean succeeded) {
        String outcome = succeeded ? "success" : "failure";
        keySetFetches.add(1, fetchAttributes.computeIfAbsent(issuer + ' ' + outcome,
                key -> Attributes.of(ISSUER, issuer, OUTCOME, outcome)));
    }

    @Override
    public void tokenRequested(String client, TokenRequestOutcome outcome, Duration latency) {
        tokenRequests.record(latency.toNanos() / 1e9, requestAttributes.computeIfAbsent(client + ' ' + outcome.attribute(),
                key -> Attributes.of(CLIENT, client, OUTCOME, outcome.attribute())));
    }

    /** Stops reporting the cache size, so that the meter holds nothing of this deployment. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cacheSize.close();
        }
        caches.clear();
    }

    private long cachedTokens() {
        long total = 0;
        for (IntSupplier cache : caches) {
            total += cache.getAsInt();
        }
        return total;
    }
}
