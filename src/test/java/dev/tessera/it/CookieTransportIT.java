package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.TestIssuer;

/** {@code mp.jwt.token.header=Cookie}: the token travels in a named cookie instead of the Authorization header. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CookieTransportIT {

    static final TestIssuer ISSUER = TestIssuer.start();

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("cookie", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "mp.jwt.token.header", "Cookie",
                "mp.jwt.token.cookie", "access_token"));
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void tokenInTheConfiguredCookieIsAccepted() {
        var response = Http.send(HttpRequest.newBuilder(URI.create(base + "api/orders"))
                .header("Cookie", "theme=dark; access_token=" + ISSUER.token("alice", "orders-reader")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
    }

    @Test
    void authorizationHeaderIsIgnoredWhenTheCookieIsConfigured() {
        assertThat(Http.get(base, "api/orders", ISSUER.token("alice", "orders-reader")).statusCode()).isEqualTo(401);
    }
}
