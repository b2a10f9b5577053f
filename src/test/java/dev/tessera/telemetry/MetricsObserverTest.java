package dev.tessera.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tessera.observation.Observer.TokenRequestOutcome;
import dev.tessera.observation.Refusal;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.common.CompletableResultCode;

/** The metrics as a real OpenTelemetry SDK collects them: names, units, attributes and exact values. */
class MetricsObserverTest {

    private final Reader reader = new Reader();
    private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final MetricsObserver metrics = new MetricsObserver(openTelemetry(provider));

    @AfterEach
    void close() {
        metrics.close();
        provider.close();
    }

    @Test
    void tokensAreCountedByOutcomeAndReason() {
        metrics.tokenAccepted();
        metrics.tokenAccepted();
        metrics.tokenRefused(Refusal.EXPIRED);
        metrics.tokenRefused(Refusal.UNKNOWN_KEY);
        metrics.tokenRefused(Refusal.EXPIRED);
        metrics.tokenUnchecked();

        MetricData tokens = metric("tessera.bearer.tokens");
        assertThat(tokens.getUnit()).isEqualTo("{token}");
        assertThat(sum(tokens, Attributes.of(MetricsObserver.OUTCOME, "accepted"))).isEqualTo(2);
        assertThat(sum(tokens, Attributes.of(MetricsObserver.OUTCOME, "refused", MetricsObserver.REASON, "expired")))
                .isEqualTo(2);
        assertThat(sum(tokens, Attributes.of(MetricsObserver.OUTCOME, "refused", MetricsObserver.REASON, "unknown_key")))
                .isEqualTo(1);
        assertThat(sum(tokens, Attributes.of(MetricsObserver.OUTCOME, "unavailable"))).isEqualTo(1);
        assertThat(tokens.getLongSumData().getPoints()).hasSize(4);
    }

    @Test
    void cacheLookupsAndSizeAreReported() {
        AtomicInteger entries = new AtomicInteger(3);
        metrics.tokenCache(entries::get);
        metrics.tokenCacheLookup(true);
        metrics.tokenCacheLookup(true);
        metrics.tokenCacheLookup(false);

        MetricData lookups = metric("tessera.bearer.token_cache.lookups");
        assertThat(sum(lookups, Attributes.of(MetricsObserver.RESULT, "hit"))).isEqualTo(2);
        assertThat(sum(lookups, Attributes.of(MetricsObserver.RESULT, "miss"))).isEqualTo(1);
        assertThat(gauge("tessera.bearer.token_cache.size")).isEqualTo(3);
        entries.set(5);
        assertThat(gauge("tessera.bearer.token_cache.size")).isEqualTo(5);
    }

    @Test
    void keySetFetchesAreCountedPerIssuerAndOutcome() {
        metrics.keySetFetched("https://a.example", true);
        metrics.keySetFetched("https://a.example", false);
        metrics.keySetFetched("https://a.example", false);
        metrics.keySetFetched("https://b.example", true);

        MetricData fetches = metric("tessera.issuer.key_set.fetches");
        assertThat(sum(fetches, Attributes.of(MetricsObserver.ISSUER, "https://a.example", MetricsObserver.OUTCOME,
                "failure"))).isEqualTo(2);
        assertThat(sum(fetches, Attributes.of(MetricsObserver.ISSUER, "https://a.example", MetricsObserver.OUTCOME,
                "success"))).isEqualTo(1);
        assertThat(sum(fetches, Attributes.of(MetricsObserver.ISSUER, "https://b.example", MetricsObserver.OUTCOME,
                "success"))).isEqualTo(1);
    }

    @Test
    void tokenRequestsAreAHistogramOfSecondsByClientAndOutcome() {
        metrics.tokenRequested("partner", TokenRequestOutcome.SUCCESS, Duration.ofMillis(250));
        metrics.tokenRequested("partner", TokenRequestOutcome.SUCCESS, Duration.ofMillis(750));
        metrics.tokenRequested("partner", TokenRequestOutcome.REFUSED, Duration.ofMillis(20));

        MetricData requests = metric("tessera.client.token_request.duration");
        assertThat(requests.getUnit()).isEqualTo("s");
        HistogramPointData success = histogram(requests, Attributes.of(MetricsObserver.CLIENT, "partner",
                MetricsObserver.OUTCOME, "success"));
        assertThat(success.getCount()).isEqualTo(2);
        assertThat(success.getSum()).isEqualTo(1.0);
        // seconds-sized buckets: 250 ms in (0.1, 0.25], 750 ms in (0.5, 0.75]
        assertThat(success.getBoundaries()).containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
                2.5, 5.0, 7.5, 10.0);
        assertThat(success.getCounts()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(histogram(requests, Attributes.of(MetricsObserver.CLIENT, "partner", MetricsObserver.OUTCOME,
                "refused")).getCount()).isEqualTo(1);
    }

    @Test
    void afterCloseTheCacheSizeIsNoLongerReported() {
        metrics.tokenCache(() -> 9);
        metrics.close();

        assertThat(reader.collect()).noneMatch(m -> m.getName().equals("tessera.bearer.token_cache.size"));
    }

    private MetricData metric(String name) {
        return reader.collect().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static long sum(MetricData metric, Attributes attributes) {
        return metric.getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(LongPointData::getValue).sum();
    }

    private long gauge(String name) {
        List<LongPointData> points = List.copyOf(metric(name).getLongGaugeData().getPoints());
        assertThat(points).hasSize(1);
        return points.get(0).getValue();
    }

    private static HistogramPointData histogram(MetricData metric, Attributes attributes) {
        return metric.getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .findFirst().orElseThrow();
    }

    static OpenTelemetry openTelemetry(MeterProvider meters) {
        return new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return TracerProvider.noop();
            }

            @Override
            public MeterProvider getMeterProvider() {
                return meters;
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.noop();
            }
        };
    }

    /** Collects on demand, cumulatively, as an exporter would. */
    static final class Reader implements MetricReader {
        private volatile CollectionRegistration registration;

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.IMMUTABLE_DATA;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
