package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
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

    static final String APPLICATION = "unconfiguredclient";

    @Deployment(name = APPLICATION, managed = false)
    static WebArchive deployment() {
        return Deployments.war(APPLICATION, Map.of("tessera.client.other.token", "abc"), PublicResource.class)
                .addClass(UnconfiguredClientResource.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void deploymentFailsNamingTheClient() {
        assertThat(FailedDeployment.deploy(deployer, APPLICATION, DeploymentException.class)).contains("tessera.client.missing.", "client 'missing' is not configured");
    }
}
