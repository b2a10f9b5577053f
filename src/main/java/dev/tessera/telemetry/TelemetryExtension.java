package dev.tessera.telemetry;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.tessera.observation.ObserverExtension;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Attaches Tessera's OpenTelemetry metrics to the deployment's {@link ObserverExtension} when the application has
 * MicroProfile Telemetry, and detaches them at shutdown. This class references no OpenTelemetry type, so that it
 * loads, and does nothing, when the API is absent; {@link MetricsObserver} holds the code that needs it.
 */
public class TelemetryExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(TelemetryExtension.class.getName());
    static final String TELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";

    private AutoCloseable metrics;

    void attach(@Observes AfterDeploymentValidation event, BeanManager beans) {
        if (!visible(TELEMETRY_API, TelemetryExtension.class.getClassLoader())) {
            return;
        }
        try {
            MetricsObserver.of(beans).ifPresent(observer -> {
                beans.getExtension(ObserverExtension.class).attach(observer);
                metrics = observer;
            });
        } catch (RuntimeException | LinkageError e) {
            // metrics are a convenience: the application runs without them
            LOG.log(Level.WARNING, "Tessera's OpenTelemetry metrics are off: " + e, e);
        }
    }

    void detach(@Observes BeforeShutdown event, BeanManager beans) {
        AutoCloseable closing = metrics;
        metrics = null;
        if (closing == null) {
            return;
        }
        beans.getExtension(ObserverExtension.class).detach();
        try {
            closing.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing Tessera's OpenTelemetry instruments failed", e);
        }
    }

    /** Whether {@code type} can be loaded by {@code loader}, without initializing it. */
    static boolean visible(String type, ClassLoader loader) {
        try {
            Class.forName(type, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
