package dev.tessera.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.Tampered;
import dev.tessera.testkit.TestIssuer;
import dev.tessera.testkit.Testkit;

/**
 * The demo's own test, as a user of the test kit writes one: the application's real WAR (with its production
 * configuration, which trusts Liberty's OpenID Connect provider) made to trust the test issuer instead, and tokens
 * from the test issuer. Only the {@code @Tag} is this build's: it runs the test on the demo's server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("demo")
class DemoApplicationIT {

    @Deployment
    static WebArchive deployment() {
        return Testkit.trustTestIssuer(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/demo.war")));
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    TestIssuer issuer;

    @Test
    void aReaderSeesTheOrders() throws Exception {
        HttpResponse<String> response = get("api/orders", issuer.token().subject("reader").scope("orders.read").sign());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"caller\":\"reader\""), response.body());
    }

    @Test
    void aReaderMayNotSeeTheReport() throws Exception {
        assertEquals(403, get("api/orders/report", issuer.token().subject("reader").scope("orders.read").sign()).statusCode());
    }

    @Test
    void anAdminSeesTheReport() throws Exception {
        HttpResponse<String> response = get("api/orders/report",
                issuer.token().subject("admin").scope("orders.read", "orders.admin").sign());
        assertEquals(200, response.statusCode());
        assertEquals("{\"caller\":\"admin\",\"orders\":3,\"open\":2}", response.body());
    }

    @Test
    void withoutATokenTheOrdersAsk401WithTheDemosChallenge() throws Exception {
        HttpResponse<String> response = get("api/orders", null);
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"tessera-demo\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void expiredAndTamperedTokensGet401() throws Exception {
        String expired = issuer.token().subject("reader").scope("orders.read")
                .issuedAt(Instant.now().minus(Duration.ofHours(1))).lifetime(Duration.ofMinutes(5)).sign();
        assertEquals(401, get("api/orders", expired).statusCode());
        String tampered = Tampered.payloadChanged(issuer.token().subject("reader").scope("orders.read").sign());
        assertEquals(401, get("api/orders", tampered).statusCode());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
