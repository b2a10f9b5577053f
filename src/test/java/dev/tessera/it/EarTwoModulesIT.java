package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.MalformedURLException;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tessera.testkit.Tampered;
import dev.tessera.testkit.TestIssuer;

/**
 * Tessera in an EAR of two WAR modules: the jar in the EAR's lib/, and one configuration for the whole application
 * (here a jar in lib/ with META-INF/microprofile-config.properties), which protects both modules.
 * ({@code testable = false}: Arquillian cannot add its test servlet to an EAR of several WARs.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarTwoModulesIT {

    static final TestIssuer ISSUER = TestIssuer.start();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earOfTwoModules("shop", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "mp.jwt.verify.audiences", "orders-api",
                "tessera.bearer.realm", "shop"));
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL ear;

    @ParameterizedTest
    @ValueSource(strings = {"shop-a", "shop-b"})
    void bothModulesAreProtected(String module) throws MalformedURLException {
        URL base = new URL(ear, "/" + module + "/");
        HttpResponse<String> missing = Http.get(base, "api/orders");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"shop\"");

        String token = ISSUER.sign(ISSUER.claims().subject("alice").audience("orders-api")
                .claim("groups", List.of("orders-reader")).build());
        HttpResponse<String> accepted = Http.get(base, "api/orders", token);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("orders for alice");
        assertThat(Http.get(base, "api/orders", Tampered.payloadChanged(token)).statusCode()).isEqualTo(401);
    }
}
