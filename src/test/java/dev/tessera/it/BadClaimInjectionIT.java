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

import dev.tessera.it.badclaims.BadClaimsBean;
import jakarta.enterprise.inject.spi.DefinitionException;

/** A {@code @Claim} injection point MicroProfile JWT 2.1 does not allow fails the deployment, naming it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadClaimInjectionIT {

    static final String APPLICATION = "badclaims";

    @Deployment(name = APPLICATION, managed = false)
    static WebArchive deployment() {
        return Deployments.war(APPLICATION, Map.of("mp.jwt.verify.issuer", "https://issuer.example"),
                BadClaimsBean.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void deploymentFailsNamingTheInjectionPoint() {
        // Weld reports the extension's DeploymentException inside a DefinitionException
        String messages = FailedDeployment.deploy(deployer, APPLICATION, DefinitionException.class);
        assertThat(messages).contains("The @Claim injection point dev.tessera.it.badclaims.BadClaimsBean.twoClaims"
                + " is invalid: @Claim names two claims: value \"exp\" and standard iat");
    }
}
