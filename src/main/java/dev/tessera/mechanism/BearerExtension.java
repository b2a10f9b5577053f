package dev.tessera.mechanism;

import java.time.Clock;
import java.util.logging.Level;
import java.util.List;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.bearer.ClaimRule;
import dev.tessera.config.BearerConfig;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;
import dev.tessera.issuer.KeyOriginException;
import dev.tessera.issuer.KeySetStatus;
import dev.tessera.observation.Observer;
import dev.tessera.observation.ObserverExtension;
import java.util.Optional;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Switches the bearer mechanism on only when the application configures the inbound side
 * ({@code mp.jwt.verify.issuer} or a public key), and fails the deployment, naming every bad key, when the
 * settings cannot work. An application that uses Tessera only for outbound tokens is left untouched.
 */
public class BearerExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(BearerExtension.class.getName());

    private boolean active;
    private volatile BearerAuthenticator authenticator;

    void decide(@Observes BeforeBeanDiscovery event) {
        active = BearerConfig.isConfigured(new ConfigReader(ConfigProvider.getConfig()));
        if (!active) {
            // once per deployment: says why protected resources get no Bearer challenge (README, "In an EAR")
            LOG.info("Tessera bearer authentication is off: the application's configuration has none of"
                    + " mp.jwt.verify.issuer, mp.jwt.verify.publickey and mp.jwt.verify.publickey.location");
        }
    }

    void mechanismOnlyWhenConfigured(@Observes ProcessAnnotatedType<BearerAuthenticationMechanism> event) {
        if (!active) {
            event.veto();
        }
    }

    void callerOnlyWhenConfigured(@Observes ProcessAnnotatedType<CallerProducer> event) {
        if (!active) {
            event.veto();
        }
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
        if (active) {
            // the application's own claim rules: its beans of type ClaimRule, run after the built-in rules
            start(event, beans.createInstance().select(ClaimRule.class).stream().toList(),
                    beans.getExtension(ObserverExtension.class).observer());
        }
    }

    /** Reads the settings and builds the authenticator, or reports every problem with them. */
    void start(AfterDeploymentValidation event, List<ClaimRule> rules) {
        start(event, rules, Observer.NONE);
    }

    /** Like {@link #start(AfterDeploymentValidation, List)}, the authenticator telling {@code observer} what it does. */
    void start(AfterDeploymentValidation event, List<ClaimRule> rules, Observer observer) {
        ConfigReader reader = new ConfigReader(ConfigProvider.getConfig());
        try {
            BearerSettings settings = BearerConfig.read(reader).orElse(null);
            reader.throwIfProblems();
            authenticator = new BearerAuthenticator(settings, Clock.systemUTC(), rules, observer);
            LOG.info(() -> "Tessera bearer authentication is active: " + settings.summary());
        } catch (ConfigurationException e) {
            event.addDeploymentProblem(e);
        } catch (KeyOriginException e) {
            event.addDeploymentProblem(new ConfigurationException(
                    e.problems().stream().map(p -> keyOf(p) + ": " + p.reason()).toList()));
        }
    }

    /** The key whose value named the unusable issuer or keys. */
    private static String keyOf(KeyOriginException.Problem problem) {
        return switch (problem.origin()) {
            case ISSUER -> problem.issuerIndex() == 0 ? BearerConfig.ISSUER : BearerConfig.ISSUERS;
            case INLINE_KEY -> BearerConfig.PUBLIC_KEY;
            case KEY_LOCATION -> BearerConfig.PUBLIC_KEY_LOCATION;
            case DECRYPT_KEY_LOCATION -> BearerConfig.DECRYPT_KEY_LOCATION;
        };
    }

    /**
     * Lets go of the authenticator when the application stops, and closes it when it can be closed (its key refresh
     * and HTTP client): Liberty keeps an undeployed module's mechanism proxy, and through it this extension, so what
     * the extension still held would outlive the application, with its class loader and threads.
     */
    void release(@Observes BeforeShutdown event) {
        BearerAuthenticator held = authenticator;
        authenticator = null;
        if (held != null) {
            try {
                held.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Tessera bearer authentication could not release its resources at shutdown", e);
            }
        }
    }

    /**
     * What the keys of a trusted issuer look like now, for a readiness check ({@code issuer} null: the keys configured
     * for tokens of any issuer); empty while bearer authentication is not running or the issuer is not trusted.
     */
    public Optional<KeySetStatus> keySetStatus(String issuer) {
        BearerAuthenticator running = authenticator;
        return running == null ? Optional.empty() : running.keySetStatus(issuer);
    }

    BearerAuthenticator authenticator() {
        if (authenticator == null) {
            throw new IllegalStateException("Tessera bearer authentication is not configured");
        }
        return authenticator;
    }
}
