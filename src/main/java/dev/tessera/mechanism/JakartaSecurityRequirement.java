package dev.tessera.mechanism;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.config.BearerConfig;
import dev.tessera.config.ConfigReader;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Fails the deployment of an application that configures the inbound side while Jakarta Security is not visible to
 * it (Liberty's {@code appSecurity-5.0} feature is off). Without it, CDI cannot load {@link BearerExtension} and only
 * warns, and every protected resource would answer anyone. This class references no Jakarta Security type, so
 * that it loads when the API is absent.
 */
public class JakartaSecurityRequirement implements Extension {

    static final String MECHANISM_API = "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism";

    void requireJakartaSecurity(@Observes AfterDeploymentValidation event) {
        if (BearerConfig.isConfigured(new ConfigReader(ConfigProvider.getConfig()))) {
            problem(JakartaSecurityRequirement.class.getClassLoader()).ifPresent(event::addDeploymentProblem);
        }
    }

    /** The problem to report when the given loader (the one that loads Tessera) cannot see Jakarta Security. */
    public static Optional<DeploymentException> problem(ClassLoader loader) {
        try {
            Class.forName(MECHANISM_API, false, loader);
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(new DeploymentException("Tessera bearer authentication is configured (mp.jwt.verify.*)"
                    + " but Jakarta Security is not available to the application, so it could protect nothing:"
                    + " enable the Liberty feature appSecurity-5.0 (Jakarta Security 3.0) in server.xml"));
        }
    }
}
