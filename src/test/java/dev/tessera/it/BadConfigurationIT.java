package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.enterprise.inject.spi.DeploymentException;

/**
 * Bad inbound settings fail the deployment with one message naming every bad key. The test deploys it itself
 * ({@link FailedDeployment}): how a failed deployment reaches the test differs by Arquillian adapter, what the server
 * logs does not.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadConfigurationIT {

    static final String APPLICATION = "badconfig";

    @Deployment(name = APPLICATION, managed = false)
    static WebArchive deployment() {
        return Deployments.war(APPLICATION, Map.of(
                "mp.jwt.verify.issuer", "not a url",
                "mp.jwt.verify.clock.skew", "a minute",
                "mp.jwt.verify.publickey.algorithm", "RS256,HS256",
                "tessera.bearer.roles-claim", "realm_access//roles"));
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void deploymentFailsNamingEveryBadKey() {
        String messages = FailedDeployment.deploy(deployer, APPLICATION, DeploymentException.class);
        assertThat(messages).contains("Tessera configuration is invalid",
                "mp.jwt.verify.issuer: must be an absolute http(s) URL",
                "mp.jwt.verify.clock.skew: must be a whole number of seconds",
                "mp.jwt.verify.publickey.algorithm: 'HS256' is not allowed",
                "tessera.bearer.roles-claim: 'realm_access//roles' is not a claim path");
    }
}
