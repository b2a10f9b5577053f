package dev.tessera.client;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.config.ClientSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;

/**
 * Fails the deployment when an {@code @ClientCredentials("name")} injection point names a client that is not
 * configured, or when any {@code tessera.client.*} configuration is unusable; every problem is named in one
 * error. Also registers {@link TokenSources} when the jar is not scanned for beans (a jar that contains an
 * extension but no {@code beans.xml} is not a bean archive).
 */
public class ClientCredentialsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ClientCredentialsExtension.class.getName());

    private final Set<String> injectedNames = ConcurrentHashMap.newKeySet();
    private volatile boolean sourcesDiscovered;

    void sourcesDiscovered(@Observes ProcessAnnotatedType<TokenSources> event) {
        sourcesDiscovered = true;
    }

    void addSources(@Observes AfterTypeDiscovery event) {
        if (!sourcesDiscovered) {
            event.addAnnotatedType(TokenSources.class, TokenSources.class.getName());
        }
    }

    void collect(@Observes ProcessInjectionPoint<?, ?> event) {
        event.getInjectionPoint().getQualifiers().stream()
                .filter(ClientCredentials.class::isInstance)
                .forEach(q -> injectedNames.add(((ClientCredentials) q).value()));
    }

    void validate(@Observes AfterDeploymentValidation event) {
        Set<String> names = new TreeSet<>(injectedNames);
        names.addAll(ClientSettings.configuredNames(new ConfigReader(ConfigProvider.getConfig())));
        List<String> problems = TokenSources.problems(ConfigProvider.getConfig(), names);
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(new ConfigurationException(problems));
        } else if (!names.isEmpty()) {
            LOG.fine(() -> "outbound clients configured: " + names);
        }
    }

    /** The client names seen on injection points so far. */
    Set<String> injectedNames() {
        return Set.copyOf(injectedNames);
    }
}
