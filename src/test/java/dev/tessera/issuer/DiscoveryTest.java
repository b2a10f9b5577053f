package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tessera.config.FetchPolicy;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

class DiscoveryTest {

    private static TestIssuer issuer;
    private final HttpFetcher fetcher = new HttpFetcher(Patience.fetches(4 * 1024));
    private final Discovery discovery = new Discovery(fetcher);

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @AfterEach
    void reset() {
        fetcher.close();
        issuer.recover();
        issuer.discovery(true, false);
        issuer.metadataIssuer(issuer.issuer().toString());
        issuer.metadataMember("jwks_uri", issuer.jwksUri().toString());
        issuer.metadataMember("token_endpoint", issuer.tokenEndpoint().toString());
        issuer.metadataMember("padding", null);
        issuer.resetCounts();
    }

    @Test
    void openIdConnectDiscoveryFindsTheEndpoints() throws IOException {
        IssuerMetadata metadata = discovery.discover(issuer.issuer());
        assertThat(metadata).isEqualTo(new IssuerMetadata(issuer.issuer(), issuer.jwksUri(), Optional.of(issuer.tokenEndpoint())));
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("oauth-authorization-server")).isZero();
    }

    @Test
    void rfc8414MetadataIsUsedWhenThereIsNoOpenIdConfiguration() throws IOException {
        issuer.discovery(false, true);
        assertThat(discovery.discover(issuer.issuer()).jwksUri()).isEqualTo(issuer.jwksUri());
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("oauth-authorization-server")).isEqualTo(1);
    }

    @Test
    void wellKnownLocationsFollowTheirSpecifications() {
        URI withPath = URI.create("https://login.example.com/realms/a/");
        assertThat(Discovery.openIdConfigurationUri(withPath))
                .hasToString("https://login.example.com/realms/a/.well-known/openid-configuration");
        assertThat(Discovery.oauthAuthorizationServerUri(withPath))
                .hasToString("https://login.example.com/.well-known/oauth-authorization-server/realms/a");
        assertThat(Discovery.oauthAuthorizationServerUri(URI.create("https://as.example.com:8443")))
                .hasToString("https://as.example.com:8443/.well-known/oauth-authorization-server");
    }

    @Test
    void documentIssuerWithATrailingSlashIsRefused() {
        issuer.metadataIssuer(issuer.issuer() + "/");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("trailing slash");
    }

    @Test
    void configuredIssuerWithATrailingSlashIsRefusedWhenTheDocumentHasNone() {
        URI configured = URI.create(issuer.issuer() + "/");
        assertThatThrownBy(() -> discovery.discover(configured))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("trailing slash");
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
    }

    @Test
    void documentIssuerInAnotherCaseIsRefused() {
        issuer.metadataIssuer(issuer.issuer().toString().replace("/issuer", "/ISSUER"));
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("case");
    }

    @Test
    void documentOfAnotherIssuerIsRefused() {
        issuer.metadataIssuer("https://evil.example.com/issuer");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("different issuer")
                .hasMessageNotContaining("evil");
    }

    @Test
    void mismatchInTheRfc8414DocumentIsRefusedToo() {
        issuer.discovery(false, true);
        issuer.metadataIssuer(issuer.issuer() + "/");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer())).isInstanceOf(IssuerMetadataException.class);
    }

    @Test
    void plainHttpIssuerOnAnotherHostIsRefusedWithoutARequest() {
        assertThatThrownBy(() -> discovery.discover(URI.create("http://login.example.com/issuer")))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("https");
    }

    @Test
    void plainHttpJwksUriOnAnotherHostIsRefused() {
        issuer.metadataMember("jwks_uri", "http://keys.example.com/jwks");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("jwks_uri");
    }

    @Test
    void plainHttpTokenEndpointOnAnotherHostIsRefused() {
        issuer.metadataMember("token_endpoint", "http://as.example.com/token");
        assertThatThrownBy(() -> discovery.discoverTokenEndpoint(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("token_endpoint");
    }

    @Test
    void missingJwksUriFailsInboundDiscoveryButNotTheTokenEndpoint() throws IOException {
        issuer.metadataMember("jwks_uri", null);
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("jwks_uri");
        assertThat(discovery.discoverTokenEndpoint(issuer.issuer())).isEqualTo(issuer.tokenEndpoint());
    }

    @Test
    void missingTokenEndpointIsFineForInboundDiscovery() throws IOException {
        issuer.metadataMember("token_endpoint", null);
        assertThat(discovery.discover(issuer.issuer()).tokenEndpoint()).isEmpty();
    }

    @Test
    void oversizedMetadataIsRefused() {
        issuer.metadataMember("padding", "x".repeat(8 * 1024));
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(HttpFetcher.ResponseTooLargeException.class);
    }

    @Test
    void duplicateMemberNamesAreRefused() {
        issuer.metadataBody("{\"issuer\":\"https://evil.example.com\",\"jwks_uri\":\"" + issuer.jwksUri()
                + "\",\"issuer\":\"" + issuer.issuer() + "\"}");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("duplicate");
    }

    @Test
    void htmlInsteadOfJsonIsRefused() {
        issuer.metadataBody("<html><body>Login</body></html>");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer())).isInstanceOf(IssuerMetadataException.class);
    }

    @Test
    void nonStringIssuerIsRefused() {
        issuer.metadataBody("{\"issuer\":[\"" + issuer.issuer() + "\"],\"jwks_uri\":\"" + issuer.jwksUri() + "\"}");
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("issuer is not a string");
    }

    @Test
    void serverErrorDoesNotFallBackToRfc8414() {
        issuer.failWith(500);
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(IssuerMetadataException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(issuer.requestCount("oauth-authorization-server")).isZero();
    }

    @Test
    void noDocumentAtEitherLocationNamesBoth() {
        issuer.discovery(false, false);
        assertThatThrownBy(() -> discovery.discover(issuer.issuer()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(Discovery.openIdConfigurationUri(issuer.issuer()).toString())
                .hasMessageContaining(Discovery.oauthAuthorizationServerUri(issuer.issuer()).toString());
    }

    @Test
    void slowMetadataFailsWithinTheDeadline() {
        issuer.hang(); // answers only when released: the 700 ms fetch deadline alone can end discovery
        FetchPolicy shortDeadline = new FetchPolicy(Duration.ofMillis(300), Duration.ofMillis(400), 4 * 1024, false);
        try (HttpFetcher bounded = new HttpFetcher(shortDeadline)) {
            assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
                assertThatThrownBy(() -> new Discovery(bounded).discover(issuer.issuer())).isInstanceOf(HttpTimeoutException.class);
            });
        }
    }

    @Test
    void issuerWithAQueryIsRefused() {
        assertThatThrownBy(() -> discovery.discover(URI.create(issuer.issuer() + "?tenant=a")))
                .isInstanceOf(IssuerMetadataException.class);
    }
}
