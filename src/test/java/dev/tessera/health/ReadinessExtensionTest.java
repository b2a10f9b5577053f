package dev.tessera.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import dev.tessera.client.ClientCredentialsExtension;
import dev.tessera.config.ConfigReader;
import dev.tessera.mechanism.BearerExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.spi.BeanManager;

/** Which checks the configuration asks for, and none at all when the application cannot see MicroProfile Health. */
class ReadinessExtensionTest {

    private final RecordingContainer container = new RecordingContainer();
    private final BeanManager beans = RecordingContainer.beans(Map.of(BearerExtension.class, new BearerExtension(),
            ClientCredentialsExtension.class, new ClientCredentialsExtension()));

    private static final Map<String, String> ISSUER_AND_CLIENTS = Map.of(
            "mp.jwt.verify.issuer", "https://a.example",
            "tessera.bearer.issuers", "https://b.example/t",
            "tessera.client.partner.token-endpoint", "https://a.example/token",
            "tessera.client.partner.client-id", "app",
            "tessera.client.billing.token", "t");

    @Test
    void withTheHealthApiVisibleEachIssuerAndClientGetsACheck() {
        ReadinessExtension.addChecks(container.event(), beans, getClass().getClassLoader(), () -> config(ISSUER_AND_CLIENTS));

        assertThat(container.added).extracting(bean -> bean.check().call().getName()).containsExactly(
                "tessera-issuer:https://a.example", "tessera-issuer:https://b.example/t",
                "tessera-client:billing", "tessera-client:partner");
    }

    @Test
    void withoutTheHealthApiNothingIsAddedAndTheConfigurationIsNotEvenRead() {
        ClassLoader withoutHealth = new HidingLoader(getClass().getClassLoader(), "org.eclipse.microprofile.health.");

        ReadinessExtension.addChecks(container.event(), beans, withoutHealth, () -> {
            throw new AssertionError("the configuration was read");
        });

        assertThat(container.added).isEmpty();
        assertThat(ReadinessExtension.visible(ReadinessExtension.HEALTH_API, withoutHealth)).isFalse();
        assertThat(ReadinessExtension.visible(ReadinessExtension.HEALTH_API, getClass().getClassLoader())).isTrue();
    }

    @Test
    void theExtensionItselfLoadsWithoutTheHealthApi() throws Exception {
        ClassLoader withoutHealth = new HidingLoader(getClass().getClassLoader(), "org.eclipse.microprofile.health.");
        ClassLoader isolated = new ChildFirstLoader(withoutHealth, ReadinessExtension.class.getName());

        Class<?> loaded = Class.forName(ReadinessExtension.class.getName(), true, isolated);

        assertThat(loaded.getClassLoader()).isSameAs(isolated);
        assertThat(loaded.getDeclaredConstructor().newInstance()).isNotNull();
        assertThat(loaded.getDeclaredMethods()).isNotEmpty(); // resolves every signature: none names a Health type
    }

    @Test
    void issuers() {
        assertThat(ReadinessExtension.issuers(reader(Map.of()))).isEmpty();
        assertThat(ReadinessExtension.issuers(reader(ISSUER_AND_CLIENTS))).containsExactly(
                Optional.of(URI.create("https://a.example")), Optional.of(URI.create("https://b.example/t")));
        assertThat(ReadinessExtension.issuers(reader(Map.of("mp.jwt.verify.publickey.location", "https://a.example/keys"))))
                .containsExactly(Optional.empty());
        // a configuration with problems fails the deployment, naming them; the checks add nothing to that
        assertThat(ReadinessExtension.issuers(reader(Map.of("mp.jwt.verify.issuer", "https://a.example",
                "mp.jwt.verify.clock.skew", "soon")))).isEmpty();
    }

    @Test
    void clients() {
        assertThat(ReadinessExtension.clients(reader(ISSUER_AND_CLIENTS))).containsExactly("billing", "partner");
        assertThat(ReadinessExtension.clients(reader(Map.of()))).isEmpty();
    }

    private static ConfigReader reader(Map<String, String> properties) {
        return new ConfigReader(config(properties));
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(new LinkedHashMap<>(properties),
                "test", 500)).build();
    }

    /** A class loader that cannot see the classes under a package prefix, as an application without the feature. */
    private static final class HidingLoader extends ClassLoader {
        private final String hidden;

        HidingLoader(ClassLoader parent, String hidden) {
            super(parent);
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(hidden)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    /** Defines one class itself, from its parent's bytes, so that the class links against what the parent sees. */
    private static final class ChildFirstLoader extends ClassLoader {
        private final String own;

        ChildFirstLoader(ClassLoader parent, String own) {
            super(parent);
            this.own = own;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(own)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (var in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
