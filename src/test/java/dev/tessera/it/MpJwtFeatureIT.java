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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.Tampered;
import dev.tessera.testkit.TestIssuer;

/** Runs on a Liberty server with the mpJwt-2.1 feature enabled: Tessera's mechanism and injection still rule. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("mpjwt-feature") // runs only on the tessera-<port>-mpjwt server (pom.xml: integration-tests-with-mpjwt-feature)
class MpJwtFeatureIT {

    static final TestIssuer ISSUER = TestIssuer.start();

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("withmpjwt", Map.of("mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "tessera.bearer.realm", "orders"));
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void validTokenIsAcceptedAndInjectedJsonWebTokenIsOurs() {
        HttpResponse<String> response = Http.get(base, "api/me", ISSUER.token("alice", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"alice\"", "\"nameFromApplicationScope\":\"alice\"");
    }

    @Test
    void missingTokenGetsOurBearerChallenge() {
        HttpResponse<String> response = Http.get(base, "api/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"orders\"");
    }

    @Test
    void tamperedTokenIsRefused() {
        HttpResponse<String> response = Http.get(base, "api/orders", Tampered.payloadChanged(ISSUER.token("alice", "orders-reader")));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void publicResourceStillAnswers() {
        assertThat(Http.get(base, "api/public").statusCode()).isEqualTo(200);
    }
}
