package dev.tessera.telemetry;

import dev.tessera.observation.Observer;
import dev.tessera.observation.ObserverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * The observer a deployment with MicroProfile Telemetry hands to the verifier: the deployment's relay with
 * {@link MetricsObserver} attached, recording into a real OpenTelemetry SDK (with a reader, so that the SDK records
 * rather than dropping). What the benchmarks of the verified-token cache pay per token for the metrics.
 */
public final class BenchMetrics {

    private BenchMetrics() {
    }

    /** A relay with Tessera's OpenTelemetry metrics attached, on a fresh SDK meter provider. */
    public static Observer observer() {
        SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(new MetricReader() {
            @Override
            public void register(CollectionRegistration registration) {
            }

            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode forceFlush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        }).build();
        ObserverExtension deployment = new ObserverExtension();
        deployment.attach(new MetricsObserver(new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return TracerProvider.noop();
            }

            @Override
            public MeterProvider getMeterProvider() {
                return provider;
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.noop();
            }
        }));
        return deployment.observer();
    }
}
