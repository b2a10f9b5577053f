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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.outbound.OutboundResource;
import dev.tessera.testkit.TestIssuer;

/**
 * The full loop on Liberty: a resource obtains a token with {@code @ClientCredentials} (token endpoint found by
 * discovery, HTTP Basic client authentication) and calls a resource protected by the bearer mechanism.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCredentialsIT {

    static final String SECRET = "s3cr:t %+&=/";
    static final TestIssuer ISSUER = TestIssuer.start();

    static {
        ISSUER.registerClient("partner-app", SECRET);
    }

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("outbound", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "tessera.bearer.roles-claim", "scope",
                "tessera.client.partner.issuer", ISSUER.issuer().toString(),
                "tessera.client.partner.client-id", "partner-app",
                "tessera.client.partner.client-secret", SECRET,
                "tessera.client.partner.scope", "orders-reader"))
                .addPackage(OutboundResource.class.getPackage());
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void plainJaxRsClientCallsTheProtectedPartnerWithAToken() {
        HttpResponse<String> response = Http.get(base, "api/outbound/jaxrs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("partner saw partner-app");
    }

    @Test
    void restClientCallsTheProtectedPartnerWithAToken() {
        HttpResponse<String> response = Http.get(base, "api/outbound/restclient");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("partner saw partner-app");
    }

    @Test
    void injectedAccessTokenIsValid() {
        assertThat(Http.get(base, "api/outbound/injected").body()).isEqualTo("valid");
    }

    @Test
    void tokenIsCachedAcrossCalls() {
        assertThat(Http.get(base, "api/outbound/jaxrs").statusCode()).isEqualTo(200);
        int before = ISSUER.requestCount("token");
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(base, "api/outbound/restclient").statusCode()).isEqualTo(200);
            assertThat(Http.get(base, "api/outbound/jaxrs").statusCode()).isEqualTo(200);
        }
        assertThat(ISSUER.requestCount("token")).isEqualTo(before);
    }

    @Test
    void partner401DropsTheTokenAndReplaysOnceWithANewOne() {
        int tokensBefore = ISSUER.requestCount("token");
        HttpResponse<String> response = Http.get(base, "api/outbound/flaky");
        assertThat(response.body()).isEqualTo("200 fresh");
        assertThat(ISSUER.requestCount("token")).isEqualTo(tokensBefore + 1);
        assertThat(Http.get(base, "api/flaky/calls").body()).isEqualTo("2");
    }

    @Test
    void tokenRequestsUseHttpBasicWithTheEncodedSecret() {
        assertThat(Http.get(base, "api/outbound/jaxrs").statusCode()).isEqualTo(200);
        assertThat(ISSUER.tokenRequests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
            assertThat(request.body()).contains("grant_type=client_credentials").doesNotContain("client_secret");
        });
    }
}
