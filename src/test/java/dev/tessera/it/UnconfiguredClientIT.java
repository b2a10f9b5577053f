package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.app.PublicResource;
import dev.tessera.it.unconfigured.UnconfiguredClientResource;
import dev.tessera.testkit.WithoutTestIssuer;
import jakarta.enterprise.inject.spi.DeploymentException;

/** An {@code @ClientCredentials("missing")} injection point without configuration fails the deployment. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@WithoutTestIssuer // no inbound settings, on purpose: the test kit must not add its issuer
class UnconfiguredClientIT {

    /** The end of messages.log just before the deployment attempt (Arquillian builds the archive, then deploys it). */
    private static long logMark;

    @Deployment
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        logMark = ServerLog.messages().mark();
        return Deployments.war("unconfiguredclient", Map.of("tessera.client.other.token", "abc"), PublicResource.class)
                .addClass(UnconfiguredClientResource.class);
    }

    @Test
    void deploymentFailsNamingTheClient() {
        assertThat(ServerLog.messages().since(logMark)).contains("tessera.client.missing.", "client 'missing' is not configured");
    }
}
