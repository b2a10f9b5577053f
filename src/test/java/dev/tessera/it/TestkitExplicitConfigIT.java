package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
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

/** A deployment that names its own issuer keeps it: the test kit's issuer is not trusted there. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TestkitExplicitConfigIT {

    static final TestIssuer OWN = TestIssuer.start();

    @Deployment
    static WebArchive deployment() {
        // the kit adds nothing here, not even its patience with a busy machine (TrustTestIssuer.DEFAULTS): set here
        return Deployments.war("testkit-explicit", Map.of("mp.jwt.verify.issuer", OWN.issuer().toString(),
                "tessera.bearer.realm", "testkit", "tessera.bearer.jwks.max-wait", "30s",
                "tessera.bearer.http.read-timeout", "10s"));
    }

    @AfterAll
    static void stop() {
        OWN.close();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    TestIssuer kit;

    @Test
    void theDeploymentsOwnIssuerIsTrusted() {
        assertThat(Http.get(base, "api/orders", OWN.token("alice", "orders-reader")).body()).isEqualTo("orders for alice");
    }

    @Test
    void theKitsIssuerIsNot() {
        assertThat(kit.issuer()).isNotEqualTo(OWN.issuer());
        TestkitIT.assertInvalidToken(Http.get(base, "api/orders", kit.token("alice", "orders-reader")));
    }
}
