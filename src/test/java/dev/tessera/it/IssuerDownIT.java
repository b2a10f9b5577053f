package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.TestIssuer;

/** The application deploys while its issuer is down, answers 503 meanwhile, and validates once the issuer is up. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IssuerDownIT {

    static final int PORT = TestIssuer.freePort();
    static final URI ISSUER = URI.create("http://127.0.0.1:" + PORT + "/issuer");

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("issuerdown", Map.of(
                "mp.jwt.verify.issuer", ISSUER.toString(),
                "tessera.bearer.jwks.min-refresh-interval", "1s",
                "tessera.bearer.http.connect-timeout", "500ms",
                "tessera.bearer.http.read-timeout", "1s"));
    }

    @ArquillianResource
    URL base;

    @Test
    void issuerDownAtDeploymentGives503ThenValidatesOnceItIsUp() throws InterruptedException {
        String early;
        try (TestIssuer impostor = TestIssuer.start()) {
            early = impostor.sign(impostor.claims().issuer(ISSUER.toString()).claim("groups", List.of("orders-reader")).build());
        }
        HttpResponse<String> down = Http.get(base, "api/orders", early);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(Http.get(base, "api/public").statusCode()).isEqualTo(200);
        HttpResponse<String> uncheckedOnPublic = Http.get(base, "api/public", early); // unchecked is not invalid
        assertThat(uncheckedOnPublic.statusCode()).isEqualTo(200);
        assertThat(uncheckedOnPublic.body()).isEqualTo("public:anonymous");

        try (TestIssuer issuer = TestIssuer.start(PORT)) {
            String token = issuer.token("alice", "orders-reader");
            // retries are rate-limited to 1 s; a deadline, not a count of attempts, holds on a busy machine
            Instant giveUp = Instant.now().plusSeconds(30);
            int status = Http.get(base, "api/orders", token).statusCode();
            while (status != 200 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(250);
                status = Http.get(base, "api/orders", token).statusCode();
            }
            assertThat(status).isEqualTo(200);
        }
    }
}
