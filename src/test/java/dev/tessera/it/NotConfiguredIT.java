package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.app.OrdersResource;
import dev.tessera.it.app.PublicResource;
import dev.tessera.testkit.WithoutTestIssuer;

/** The jar without inbound settings: the application deploys, and Tessera stays out of its way. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@WithoutTestIssuer // no inbound settings, on purpose: the test kit must not add its issuer
class NotConfiguredIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("plain", Map.of("some.app.setting", "1"), PublicResource.class, OrdersResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void publicResourcesAreServed() {
        HttpResponse<String> response = Http.get(base, "api/public");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("public:anonymous");
    }

    @Test
    void noBearerMechanismAnswersForProtectedResources() {
        HttpResponse<String> response = Http.get(base, "api/orders", "not-even-a-jwt");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.startsWith("Bearer"));
    }
}
