package dev.tessera.health;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import dev.tessera.client.ClientCredentialsExtension;
import dev.tessera.mechanism.BearerExtension;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

/** Registers the readiness checks as beans of type {@link HealthCheck} qualified {@link Readiness}. */
final class ReadinessChecks {

    private static final Logger LOG = Logger.getLogger(ReadinessChecks.class.getName());

    private ReadinessChecks() {
    }

    static void add(AfterBeanDiscovery event, BeanManager beans, List<Optional<URI>> issuers, List<String> clients) {
        Optional<BearerExtension> bearer = extension(beans, BearerExtension.class);
        if (bearer.isPresent()) {
            for (Optional<URI> issuer : issuers) {
                String name = issuer.map(URI::toString).orElse(null);
                IssuerReadiness check = new IssuerReadiness(Optional.ofNullable(name),
                        () -> bearer.get().keySetStatus(name));
                register(event, IssuerReadiness.class, check.name(), check);
            }
        }
        ClientCredentialsExtension outbound = beans.getExtension(ClientCredentialsExtension.class);
        for (String client : clients) {
            ClientReadiness check = new ClientReadiness(client, () -> outbound.tokenSourceStatus(client));
            register(event, ClientReadiness.class, check.name(), check);
        }
    }

    private static void register(AfterBeanDiscovery event, Class<?> beanClass, String name,
            HealthCheck check) {
        event.addBean()
                .beanClass(beanClass)
                .id(ReadinessChecks.class.getName() + "#" + name)
                .types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .createWith(context -> check);
    }

    /** The deployment's extension of this type; empty when it could not be loaded (its API is missing). */
    private static <T extends Extension> Optional<T> extension(BeanManager beans, Class<T> type) {
        try {
            return Optional.of(beans.getExtension(type));
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.log(Level.FINE, "no readiness checks of " + type.getSimpleName(), e);
            return Optional.empty();
        }
    }
}
