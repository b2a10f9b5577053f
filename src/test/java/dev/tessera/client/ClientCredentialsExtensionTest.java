package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import org.junit.jupiter.api.Test;

import dev.tessera.config.ConfigurationException;

/** The extension collects client names from injection points and fails the deployment for unconfigured ones. */
class ClientCredentialsExtensionTest {

    private final ClientCredentialsExtension extension = new ClientCredentialsExtension();

    @Test
    void anInjectionPointNamingAnUnconfiguredClientIsADeploymentProblem() {
        extension.collect(processInjectionPoint(ClientCredentials.Literal.of("nowhere-configured")));
        extension.collect(processInjectionPoint(Default.Literal.INSTANCE));
        List<Throwable> problems = new ArrayList<>();

        extension.validate(afterDeploymentValidation(problems));

        assertThat(extension.injectedNames()).containsExactly("nowhere-configured");
        assertThat(problems).singleElement().isInstanceOfSatisfying(ConfigurationException.class, e ->
                assertThat(e.problems()).singleElement().asString()
                        .startsWith("tessera.client.nowhere-configured.token-endpoint: client 'nowhere-configured' is not configured"));
    }

    @Test
    void noInjectionPointsAndNoClientsMeanNoProblems() {
        List<Throwable> problems = new ArrayList<>();

        extension.validate(afterDeploymentValidation(problems));

        assertThat(problems).isEmpty();
    }

    @Test
    void shutdownStopsTheTokenRequestThreads() throws Exception {
        List<Throwable> problems = new ArrayList<>();
        extension.validate(afterDeploymentValidation(problems));
        TokenSourceRegistry registry = extension.registry();
        CountDownLatch running = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        registry.executor().execute(() -> {
            worker[0] = Thread.currentThread();
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker[0].getName()).startsWith("tessera-token-"); // no managed executor outside a server

        extension.close(null);

        worker[0].join(10_000);
        assertThat(worker[0].isAlive()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static ProcessInjectionPoint<Object, TokenSource> processInjectionPoint(java.lang.annotation.Annotation qualifier) {
        InjectionPoint ip = (InjectionPoint) Proxy.newProxyInstance(ClientCredentialsExtensionTest.class.getClassLoader(),
                new Class<?>[] {InjectionPoint.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getQualifiers" -> Set.of(qualifier);
                    case "toString" -> "InjectionPoint";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ProcessInjectionPoint<Object, TokenSource>) Proxy.newProxyInstance(
                ClientCredentialsExtensionTest.class.getClassLoader(), new Class<?>[] {ProcessInjectionPoint.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getInjectionPoint" -> ip;
                    case "toString" -> "ProcessInjectionPoint";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static AfterDeploymentValidation afterDeploymentValidation(List<Throwable> problems) {
        return (AfterDeploymentValidation) Proxy.newProxyInstance(ClientCredentialsExtensionTest.class.getClassLoader(),
                new Class<?>[] {AfterDeploymentValidation.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "addDeploymentProblem" -> problems.add((Throwable) args[0]);
                    case "toString" -> "AfterDeploymentValidation";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
