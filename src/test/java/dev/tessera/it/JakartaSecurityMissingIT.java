package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.app.OrdersResource;
import dev.tessera.it.app.PublicResource;
import jakarta.enterprise.inject.spi.DeploymentException;

/**
 * Tessera configured on a server without appSecurity-5.0: Jakarta Security is missing, so Tessera could protect
 * nothing. The deployment must fail with one error naming the feature, instead of serving protected resources to
 * anyone.
 */
@Tag("without-app-security") // runs only on tessera-<port>-without-app-security (pom.xml: integration-tests-without-app-security)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JakartaSecurityMissingIT {

    /** A messages.log line of level E: {@code [date] thread logger E message}. */
    private static final Pattern ERROR_LINE = Pattern.compile("\\[[^]]+\\] \\S+ \\S+\\s+E ");

    /** The end of messages.log just before the deployment attempt (Arquillian builds the archive, then deploys it). */
    private static long logMark;

    @Deployment
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        logMark = ServerLog.messages().mark();
        return Deployments.war("withoutsecurity", Map.of("mp.jwt.verify.issuer", "http://127.0.0.1:1/never-asked"),
                PublicResource.class, OrdersResource.class);
    }

    @Test
    void deploymentFailsWithOneErrorNamingTheMissingFeature() {
        String messages = ServerLog.messages().since(logMark);
        assertThat(messages.lines().filter(JakartaSecurityMissingIT::isError))
                .singleElement().asString().contains("withoutsecurity", "Jakarta Security", "appSecurity-5.0");
    }

    private static boolean isError(String line) {
        return ERROR_LINE.matcher(line).lookingAt();
    }

    @Test
    void theProtectedResourceIsNotServed() throws Exception {
        URL application = URI.create("http://127.0.0.1:" + System.getProperty("liberty.http.port") + "/withoutsecurity/")
                .toURL();
        assertThat(Http.get(application, "api/orders").statusCode()).isEqualTo(404);
    }
}
