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

    /** The end of messages.log just before the deployment attempt. */
    private static long logMark;

    @Deployment
    // Weld reports the extension's DeploymentException inside a DefinitionException
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        logMark = ServerLog.messages().mark();
        return Deployments.war("appscopedclaim", Map.of("mp.jwt.verify.issuer", "https://issuer.example"),
                ApplicationScopedRawClaimBean.class);
    }

    @Test
    void deploymentFailsNamingTheInjectionPoint() {
        String messages = ServerLog.messages().since(logMark);
        // Tessera's message; with the mpJwt feature on, Liberty's own check may come first, naming it too (CWWKS5603E)
        assertThat(messages).contains("dev.tessera.it.badclaims.ApplicationScopedRawClaimBean.subject",
                "ApplicationScoped");
    }
}
