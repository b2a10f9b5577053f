package dev.tessera.health;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.config.BearerConfig;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.ClientConfig;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.Trust;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds Tessera's readiness checks when the application has MicroProfile Health: one per trusted issuer and one per
 * configured outbound client that holds a token of the application's (not for clients of the authorization code
 * grant). This class references no MicroProfile Health type, so that it loads, and does nothing,
 * when the API is absent; {@link ReadinessChecks} holds the code that needs it.
 */
public class ReadinessExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ReadinessExtension.class.getName());
    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";

    void addChecks(@Observes AfterBeanDiscovery event, BeanManager beans) {
        addChecks(event, beans, ReadinessExtension.class.getClassLoader(), ConfigProvider::getConfig);
    }

    /** Adds the checks the configuration asks for, when {@code loader} sees the MicroProfile Health API. */
    static void addChecks(AfterBeanDiscovery event, BeanManager beans, ClassLoader loader, Supplier<Config> config) {
        if (!visible(HEALTH_API, loader)) {
            return;
        }
        ConfigReader reader = new ConfigReader(config.get());
        ReadinessChecks.add(event, beans, issuers(reader), new ArrayList<>(new TreeSet<>(clients(reader))));
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

    /**
     * The issuers whose keys get a check: the trusted issuers, or one unnamed entry (null) for keys configured for
     * tokens of any issuer; none when the inbound side is off or cannot be read (its deployment error says why).
     */
    static List<Optional<URI>> issuers(ConfigReader config) {
        try {
            if (!BearerConfig.isConfigured(config)) {
                return List.of();
            }
            Optional<BearerSettings> settings = BearerConfig.read(config);
            if (settings.isEmpty() || config.hasProblems()) {
                return List.of();
            }
            Trust trust = settings.get().trust();
            if (trust instanceof Trust.AnyIssuer) {
                return List.of(Optional.empty());
            }
            return trust.issuerNames().stream().map(Optional::of).toList();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "no issuer readiness checks: the inbound configuration cannot be read", e);
            return List.of();
        }
    }

    /**
     * The configured outbound clients that hold a token of the application's: not those of the authorization code
     * grant, whose tokens live in the users' sessions (there is no token to hold, and no user to ask for one).
     */
    static List<String> clients(ConfigReader config) {
        return ClientConfig.configuredNames(config).stream().filter(name -> !ClientConfig.isAuthorizationCode(config, name)).toList();
    }
}
