package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.app.OrdersResource;
import dev.tessera.it.app.PublicResource;
import dev.tessera.testkit.TestIssuer;

/**
 * On the main IT server, which has neither mpHealth nor mpTelemetry: Tessera's readiness checks and metrics are
 * simply absent. The application deploys and works, and nothing about the missing APIs is logged (no
 * NoClassDefFoundError, no extension that failed to load).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WithoutHealthAndTelemetryIT {

    static final TestIssuer ISSUER = TestIssuer.start();
    private static long logMark;

    @Deployment
    static WebArchive deployment() {
        logMark = ServerLog.messages().mark();
        ISSUER.registerClient("partner-app", "partner-secret");
        return Deployments.war("withouthealth", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "tessera.client.partner.token-endpoint", ISSUER.tokenEndpoint().toString(),
                "tessera.client.partner.client-id", "partner-app",
                "tessera.client.partner.client-secret", "partner-secret",
                "otel.sdk.disabled", "false"), PublicResource.class, OrdersResource.class);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void theApplicationWorksAndNothingAboutTheMissingApisIsLogged() throws Exception {
        String token = ISSUER.token("alice", "orders-reader");
        // the first request starts the first key fetch and waits at most 2 s for it: on a busy machine that can be 503
        Instant giveUp = Instant.now().plusSeconds(60);
        int status = Http.get(base, "api/orders", token).statusCode();
        while (status == 503 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            status = Http.get(base, "api/orders", token).statusCode();
        }
        assertThat(status).isEqualTo(200);
        URL server = URI.create("http://127.0.0.1:" + System.getProperty("liberty.http.port") + "/").toURL();
        assertThat(Http.get(server, "health/ready").statusCode()).isEqualTo(404);

        String messages = ServerLog.messages().since(logMark);
        assertThat(messages).doesNotContain("NoClassDefFoundError", "dev.tessera.health", "dev.tessera.telemetry",
                "org/eclipse/microprofile/health", "io/opentelemetry");
    }
}
