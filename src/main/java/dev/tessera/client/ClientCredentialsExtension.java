package dev.tessera.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.config.ClientConfig;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;
import dev.tessera.observation.Observer;
import dev.tessera.observation.ObserverExtension;
import java.util.Optional;

/**
 * Builds the {@link TokenSourceRegistry} once at deployment validation, reading and checking every configured client
 * and every client an {@code @ClientCredentials("name")} injection point names; fails the deployment naming every
 * problem in one error. Closes the registry at shutdown, so that an undeployed application leaves no Tessera thread
 * behind. Also registers {@link TokenSources} when the jar is not scanned for beans (a jar that contains an extension
 * but no {@code beans.xml} is not a bean archive).
 */
public class ClientCredentialsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ClientCredentialsExtension.class.getName());

    private final Set<String> injectedNames = ConcurrentHashMap.newKeySet();
    private final Set<String> userTokenNames = ConcurrentHashMap.newKeySet();
    private volatile boolean sourcesDiscovered;
    private TokenSourceRegistry registry;
    private volatile Observer observer = Observer.NONE;

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
        event.getInjectionPoint().getQualifiers().stream()
                .filter(UserTokens.class::isInstance)
                .forEach(q -> userTokenNames.add(((UserTokens) q).value()));
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
        observer = beans.getExtension(ObserverExtension.class).observer();
        validate(event);
    }

    void validate(AfterDeploymentValidation event) {
        Config config = ConfigProvider.getConfig();
        Set<String> names = new TreeSet<>(injectedNames);
        names.addAll(userTokenNames);
        names.addAll(ClientConfig.configuredNames(new ConfigReader(config)));
        try {
            TokenSourceRegistry built = TokenSourceRegistry.deploy(config, names, observer);
            List<String> misused = new ArrayList<>();
            injectedNames.stream().filter(n -> built.source(n) instanceof UserTokenSource).sorted().forEach(n -> misused.add(
                    ClientConfig.grantKey(n) + ": client '" + n + "' is injected with @ClientCredentials but uses the"
                    + " authorization code grant: inject it with @UserTokens(\"" + n + "\")"));
            userTokenNames.stream().filter(n -> !(built.source(n) instanceof UserTokenSource)).sorted().forEach(n -> misused.add(
                    ClientConfig.grantKey(n) + ": client '" + n + "' is injected with @UserTokens, which needs"
                    + " grant=authorization_code"));
            if (!misused.isEmpty()) {
                built.close();
                throw new ConfigurationException(misused);
            }
            synchronized (this) {
                registry = built;
            }
            if (!names.isEmpty()) {
                LOG.fine(() -> "outbound clients configured: " + names);
            }
        } catch (ConfigurationException e) {
            event.addDeploymentProblem(e);
        }
    }

    void close(@Observes BeforeShutdown event) {
        TokenSourceRegistry closing;
        synchronized (this) {
            closing = registry;
            registry = null;
        }
        if (closing != null) {
            closing.close();
        }
    }

    /** The registry built at deployment validation; one without preset clients if validation has not run. */
    synchronized TokenSourceRegistry registry() {
        if (registry == null) {
            registry = TokenSourceRegistry.deploy(ConfigProvider.getConfig(), Set.of(), observer);
        }
        return registry;
    }

    /**
     * What the token source of outbound client {@code name} knows now, for a readiness check; empty while the
     * deployment is not running or no such client is configured.
     */
    public synchronized Optional<TokenSourceStatus> tokenSourceStatus(String name) {
        return registry == null ? Optional.empty() : registry.status(name);
    }

    /** The client names seen on injection points so far. */
    Set<String> injectedNames() {
        return Set.copyOf(injectedNames);
    }
}
