package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployer;

/**
 * Deploys a deployment that must fail ({@code @Deployment(managed = false)}) and answers what the server logged
 * meanwhile, where the tests look for the reason. How a failed deployment reaches the test differs by Arquillian
 * adapter: Liberty's rebuilds the server's exception (CDI's) among the causes, which is checked there; Payara's throws
 * only its own exception with the server's message ({@link ServerUnderTest#passesDeploymentCause()}).
 */
final class FailedDeployment {

    private FailedDeployment() {
    }

    /** Deploys {@code name}, asserts that it fails (on Liberty with {@code cause} among the causes), returns the log since. */
    static String deploy(Deployer deployer, String name, Class<? extends Throwable> cause) {
        long logMark = ServerLog.messages().mark();
        Throwable thrown = catchThrowable(() -> deployer.deploy(name));
        assertThat(thrown).as("deploying " + name).isNotNull();
        if (ServerUnderTest.current().passesDeploymentCause()) {
            assertThat(causes(thrown)).as("causes of the failed deployment of " + name).anyMatch(cause::isInstance);
        }
        return ServerLog.messages().since(logMark);
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
