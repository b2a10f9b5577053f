package dev.tessera.mechanism;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.bearer.ClaimRule;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
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
        active = BearerSettings.isConfigured(new ConfigReader(ConfigProvider.getConfig()));
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
        if (!active) {
            return;
        }
        ConfigReader reader = new ConfigReader(ConfigProvider.getConfig());
        try {
            BearerSettings settings = BearerSettings.read(reader).orElse(null);
            reader.throwIfProblems();
            // the application's own claim rules: its beans of type ClaimRule, run after the built-in rules
            List<ClaimRule> rules = beans.createInstance().select(ClaimRule.class).stream().toList();
            authenticator = new BearerAuthenticator(settings, Clock.systemUTC(), rules);
            LOG.info(() -> "Tessera bearer authentication is active for issuers " + settings.issuers()
                    + (settings.publicKeyLocation().isPresent() || settings.publicKey().isPresent() ? " with configured keys" : ""));
        } catch (ConfigurationException e) {
            event.addDeploymentProblem(e);
        }
    }

    BearerAuthenticator authenticator() {
        if (authenticator == null) {
            throw new IllegalStateException("Tessera bearer authentication is not configured");
        }
        return authenticator;
    }
}
