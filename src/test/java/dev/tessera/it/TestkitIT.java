package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jwt.SignedJWT;

import dev.tessera.testkit.Tampered;
import dev.tessera.testkit.TestIssuer;
import dev.tessera.testkit.TestToken;
import dev.tessera.testkit.Testkit;

/**
 * The test kit's Arquillian extension on Liberty: a deployment that names no issuer trusts the test class's issuer,
 * which the test gets by injection, by {@code @TestToken} and by the static helper, one and the same.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TestkitIT {

    /** How long a poll for a key fetch (rate-limited, with back-off after failures) may take on a busy machine. */
    static final Duration POLL_LIMIT = Duration.ofSeconds(90);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("testkit", Map.of("tessera.bearer.realm", "testkit", "tessera.bearer.jwks.min-refresh-interval", "1s"));
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    TestIssuer issuer;

    @TestToken(subject = "carol", groups = "orders-reader")
    String carol;

    @Test
    void aTokenOfTheInjectedIssuerIsAccepted() {
        HttpResponse<String> response = Http.get(base, "api/orders", issuer.token().subject("alice").groups("orders-reader").sign());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
    }

    @Test
    void aTestTokenFieldHoldsATokenOfTheSameIssuer() throws Exception {
        assertThat(SignedJWT.parse(carol).getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer().toString());
        assertThat(Http.get(base, "api/orders", carol).body()).isEqualTo("orders for carol");
    }

    @Test
    void aTestTokenParameterHoldsAnEs256TokenWhenAsked(@TestToken(subject = "frank", groups = "orders-reader", es256 = true)
            String token) throws Exception {
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(Http.get(base, "api/orders", token).body()).isEqualTo("orders for frank");
    }

    @Test
    void theStaticHelperGivesTheSameIssuer() {
        assertThat(Testkit.issuer()).isSameAs(issuer);
        assertThat(Http.get(base, "api/orders", Testkit.token().subject("bob").groups("orders-reader").sign()).body())
                .isEqualTo("orders for bob");
    }

    @Test
    void anEs256TokenIsAccepted() {
        HttpResponse<String> response = Http.get(base, "api/orders", issuer.token().subject("dave").groups("orders-reader").es256().sign());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for dave");
    }

    @Test
    void aTokenWithoutTheRoleGets403() {
        assertThat(Http.get(base, "api/orders", issuer.token().subject("erin").sign()).statusCode()).isEqualTo(403);
    }

    @Test
    void tokensOfAnotherIssuerTamperedOrExpiredGet401InvalidToken() {
        try (TestIssuer other = TestIssuer.start()) {
            assertInvalidToken(Http.get(base, "api/orders", other.token("alice", "orders-reader")));
        }
        assertInvalidToken(Http.get(base, "api/orders", Tampered.payloadChanged(issuer.token("alice", "orders-reader"))));
        assertInvalidToken(Http.get(base, "api/orders", issuer.token().groups("orders-reader")
                .issuedAt(Instant.now().minus(Duration.ofHours(1))).lifetime(Duration.ofMinutes(5)).sign()));
    }

    /** Keys rotated while the issuer is down cannot be fetched (503); once it is up again, the new key is used. */
    @Test
    void whileTheIssuerIsDownANewKeyGets503AndOnceItIsUpItIsAccepted() throws InterruptedException {
        assertThat(Http.get(base, "api/orders", issuer.token("alice", "orders-reader")).statusCode()).isEqualTo(200);
        issuer.down();
        try {
            issuer.rotateKeys();
            String fresh = issuer.token("alice", "orders-reader");
            HttpResponse<String> down = Http.get(base, "api/orders", fresh);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            issuer.up();
            Instant giveUp = Instant.now().plus(POLL_LIMIT);
            int status = down.statusCode();
            while (status != 200 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(250);
                status = Http.get(base, "api/orders", fresh).statusCode();
            }
            assertThat(status).isEqualTo(200);
        } finally {
            issuer.up();
        }
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"testkit\", error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
    }
}
