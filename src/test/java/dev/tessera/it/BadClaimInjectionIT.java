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

import dev.tessera.it.badclaims.BadClaimsBean;
import jakarta.enterprise.inject.spi.DefinitionException;

/** A {@code @Claim} injection point MicroProfile JWT 2.1 does not allow fails the deployment, naming it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadClaimInjectionIT {

    /** The end of messages.log just before the deployment attempt. */
    private static long logMark;

    @Deployment
    // Weld reports the extension's DeploymentException inside a DefinitionException
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        logMark = ServerLog.messages().mark();
        return Deployments.war("badclaims", Map.of("mp.jwt.verify.issuer", "https://issuer.example"),
                BadClaimsBean.class);
    }

    @Test
    void deploymentFailsNamingTheInjectionPoint() {
        String messages = ServerLog.messages().since(logMark);
        assertThat(messages).contains("The @Claim injection point dev.tessera.it.badclaims.BadClaimsBean.twoClaims"
                + " is invalid: @Claim names two claims: value \"exp\" and standard iat");
    }
}
