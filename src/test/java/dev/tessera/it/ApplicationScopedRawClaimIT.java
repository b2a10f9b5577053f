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

import dev.tessera.it.badclaims.ApplicationScopedRawClaimBean;
import jakarta.enterprise.inject.spi.DefinitionException;

/**
 * A claim value fixed at injection in an {@code @ApplicationScoped} bean fails the deployment, naming the injection
 * point (MicroProfile JWT 2.1, "Handling of Non-RequestScoped Injection of Claim Values"): it would keep the first
 * caller's claim for every later caller.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationScopedRawClaimIT {

    static final String APPLICATION = "appscopedclaim";

    @Deployment(name = APPLICATION, managed = false)
    static WebArchive deployment() {
        return Deployments.war(APPLICATION, Map.of("mp.jwt.verify.issuer", "https://issuer.example"),
                ApplicationScopedRawClaimBean.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void deploymentFailsNamingTheInjectionPoint() {
        // Weld reports the extension's DeploymentException inside a DefinitionException
        String messages = FailedDeployment.deploy(deployer, APPLICATION, DefinitionException.class);
        // Tessera's message; with the mpJwt feature on, Liberty's own check may come first, naming it too (CWWKS5603E)
        assertThat(messages).contains("dev.tessera.it.badclaims.ApplicationScopedRawClaimBean.subject",
                "ApplicationScoped");
    }
}
