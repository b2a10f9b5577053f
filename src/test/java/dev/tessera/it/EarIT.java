package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.TestIssuer;

/**
 * Tessera in an EAR: the jar and its dependencies in the EAR's lib/, shared by the modules, and the application's
 * configuration in its WAR module.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarIT {

    static final TestIssuer ISSUER = TestIssuer.start();

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.ear("orders-ear", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "mp.jwt.verify.audiences", "orders-api",
                "tessera.bearer.realm", "orders-ear"));
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void theWarModuleIsProtectedWithTheConfigurationItCarries() {
        HttpResponse<String> response = Http.get(base, "api/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"orders-ear\"");
    }

    @Test
    void aGoodTokenGets200AndTheCallerIsKnown() {
        HttpResponse<String> response = Http.get(base, "api/orders", token("alice", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
        assertThat(Http.get(base, "api/me", token("carol", "orders-reader")).body()).contains("\"subject\":\"carol\"");
    }

    @Test
    void aTokenForAnotherAudienceOrWithoutTheRoleIsRefused() {
        String otherAudience = ISSUER.sign(ISSUER.claims().subject("alice").audience("billing-api")
                .claim("groups", List.of("orders-reader")).build());
        assertThat(Http.get(base, "api/orders", otherAudience).statusCode()).isEqualTo(401);
        assertThat(Http.get(base, "api/orders/admin", token("alice", "orders-reader")).statusCode()).isEqualTo(403);
    }

    private static String token(String subject, String group) {
        return ISSUER.sign(ISSUER.claims().subject(subject).audience("orders-api").claim("groups", List.of(group)).build());
    }
}
