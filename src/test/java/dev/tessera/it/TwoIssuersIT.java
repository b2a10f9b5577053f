package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
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

/** Two trusted issuers (tenants): each token is checked only against its own issuer's keys. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwoIssuersIT {

    static final TestIssuer FIRST = TestIssuer.start(0, "/tenants/first");
    static final TestIssuer SECOND = TestIssuer.start(0, "/tenants/second");

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("tenants", Map.of(
                "mp.jwt.verify.issuer", FIRST.issuer().toString(),
                "tessera.bearer.issuers", SECOND.issuer().toString()));
    }

    @AfterAll
    static void stop() {
        FIRST.close();
        SECOND.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void tokensOfEitherIssuerAreAccepted() {
        assertThat(Http.get(base, "api/orders", FIRST.token("alice", "orders-reader")).body()).isEqualTo("orders for alice");
        assertThat(Http.get(base, "api/orders", SECOND.token("bob", "orders-reader")).body()).isEqualTo("orders for bob");
    }

    @Test
    void firstIssuersNameSignedWithSecondIssuersKeyIsRefused() {
        String forged = SECOND.sign(SECOND.claims().issuer(FIRST.issuer().toString())
                .claim("groups", List.of("orders-reader")).build());
        assertThat(Http.get(base, "api/orders", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void secondIssuersNameSignedWithFirstIssuersKeyIsRefused() {
        String forged = FIRST.sign(FIRST.claims().issuer(SECOND.issuer().toString())
                .claim("groups", List.of("orders-reader")).build());
        assertThat(Http.get(base, "api/orders", forged).statusCode()).isEqualTo(401);
    }
}
