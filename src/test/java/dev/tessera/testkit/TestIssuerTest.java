package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tessera.testing.Patience;

class TestIssuerTest {

    private static final Duration TIMEOUT = Patience.GENEROUS;
    private static TestIssuer issuer;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        issuer.registerClient("app", "s3cret:+&%");
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @AfterEach
    void reset() {
        issuer.recover();
        issuer.discovery(true, false);
        issuer.metadataIssuer(issuer.issuer().toString());
        issuer.jwksCacheControl(null);
        issuer.tokenLifetime(Duration.ofSeconds(300));
        issuer.unpublishExtraKeys();
        issuer.resetCounts();
    }

    @Test
    void issuerUrlHasNoTrailingSlashAndEndpointsHangBelowIt() {
        assertThat(issuer.issuer().toString()).isEqualTo("http://127.0.0.1:" + issuer.port() + "/issuer");
        assertThat(issuer.jwksUri().toString()).isEqualTo(issuer.issuer() + "/jwks");
        assertThat(issuer.tokenEndpoint().toString()).isEqualTo(issuer.issuer() + "/token");
    }

    @Test
    void openIdConfigurationIsServedByDefaultAndRfc8414DocumentIsNot() throws Exception {
        HttpResponse<String> oidc = get(issuer.openIdConfigurationUri());
        assertThat(oidc.statusCode()).isEqualTo(200);
        Map<String, Object> doc = JSONObjectUtils.parse(oidc.body());
        assertThat(doc).containsEntry("issuer", issuer.issuer().toString())
                .containsEntry("jwks_uri", issuer.jwksUri().toString())
                .containsEntry("token_endpoint", issuer.tokenEndpoint().toString());
        assertThat(get(issuer.oauthAuthorizationServerUri()).statusCode()).isEqualTo(404);
        assertThat(issuer.oauthAuthorizationServerUri().getPath()).isEqualTo("/.well-known/oauth-authorization-server/issuer");
    }

    @Test
    void discoveryToggleSwitchesWhichDocumentsExist() throws Exception {
        issuer.discovery(false, true);
        assertThat(get(issuer.openIdConfigurationUri()).statusCode()).isEqualTo(404);
        HttpResponse<String> oauth = get(issuer.oauthAuthorizationServerUri());
        assertThat(oauth.statusCode()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(oauth.body())).containsEntry("issuer", issuer.issuer().toString());
    }

    @Test
    void metadataIssuerAndMembersCanBeOverridden() throws Exception {
        issuer.metadataIssuer(issuer.issuer() + "/");
        issuer.metadataMember("jwks_uri", "http://example.com/jwks");
        Map<String, Object> doc = JSONObjectUtils.parse(get(issuer.openIdConfigurationUri()).body());
        assertThat(doc).containsEntry("issuer", issuer.issuer() + "/").containsEntry("jwks_uri", "http://example.com/jwks");
        issuer.metadataMember("jwks_uri", null);
        assertThat(JSONObjectUtils.parse(get(issuer.openIdConfigurationUri()).body())).doesNotContainKey("jwks_uri");
        issuer.metadataMember("jwks_uri", issuer.jwksUri().toString());
    }

    @Test
    void rotationChangesTheServedKidAndRemovesTheOldKey() throws Exception {
        String before = issuer.signingKey().getKeyID();
        assertThat(servedKeys().getKeyByKeyId(before)).isNotNull();
        issuer.rotateKeys();
        String after = issuer.signingKey().getKeyID();
        assertThat(after).isNotEqualTo(before);
        JWKSet served = servedKeys();
        assertThat(served.getKeyByKeyId(after)).isNotNull();
        assertThat(served.getKeyByKeyId(before)).isNull();
    }

    @Test
    void publishedKeysArePublicOnly() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        RSAKey enc = new RSAKeyGenerator(2048).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).generate();
        issuer.publish(ec, enc);
        JWKSet served = servedKeys();
        assertThat(served.getKeys()).hasSize(3);
        assertThat(served.getKeys()).noneMatch(k -> k.isPrivate());
        assertThat(served.getKeyByKeyId("enc-1").getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
        assertThat(issuer.publishedKeys().getKeys()).hasSize(3);
    }

    @Test
    void failWithAnswersEveryEndpointWithThatStatusUntilRecovered() throws Exception {
        issuer.failWith(503);
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(503);
        assertThat(get(issuer.openIdConfigurationUri()).statusCode()).isEqualTo(503);
        assertThat(postForm(issuer.tokenEndpoint(), "grant_type=client_credentials", null).statusCode()).isEqualTo(503);
        issuer.recover();
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void delayHoldsEveryResponse() throws Exception {
        issuer.delay(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void hangHoldsEveryEndpointUntilRecovered() throws Exception {
        issuer.hang();
        CompletableFuture<HttpResponse<String>> jwks = getAsync(issuer.jwksUri());
        CompletableFuture<HttpResponse<String>> metadata = getAsync(issuer.openIdConfigurationUri());
        Patience.await("both requests reach the issuer",
                () -> issuer.requestCount("jwks") == 1 && issuer.requestCount("openid-configuration") == 1);
        assertThat(jwks).isNotDone();
        assertThat(metadata).isNotDone();

        issuer.recover();
        assertThat(jwks.get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(metadata.get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void hangJwksHoldsOnlyTheKeySetUntilRecovered() throws Exception {
        issuer.hangJwks();
        CompletableFuture<HttpResponse<String>> jwks = getAsync(issuer.jwksUri());
        assertThat(get(issuer.openIdConfigurationUri()).statusCode()).isEqualTo(200);
        Patience.await("the key set request reaches the issuer", () -> issuer.requestCount("jwks") == 1);
        assertThat(jwks).isNotDone();

        issuer.recover();
        assertThat(jwks.get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void jwksStreamingThenHangSendsTheHeadersAndTheFirstKibibyteUntilRecovered() throws Exception {
        issuer.jwksBody("application/json", new byte[4 * 1024]);
        issuer.jwksStreamingThenHang();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(issuer.jwksUri()).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        assertThat(body.readNBytes(1024)).hasSize(1024);
        CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(rest).isNotDone();

        issuer.recover();
        assertThat(rest.get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS)).hasSize(3 * 1024);
    }

    @Test
    void countersCountEachEndpointAndReset() throws Exception {
        get(issuer.jwksUri());
        get(issuer.jwksUri());
        get(issuer.openIdConfigurationUri());
        get(issuer.oauthAuthorizationServerUri());
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("oauth-authorization-server")).isEqualTo(1);
        assertThat(issuer.requestCount("token")).isZero();
        issuer.resetCounts();
        assertThat(issuer.requestCount("jwks")).isZero();
    }

    @Test
    void jwksCacheControlAndCustomBodyAreServed() throws Exception {
        issuer.jwksCacheControl("max-age=120");
        issuer.jwksBody("text/html", "<html>nope</html>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = get(issuer.jwksUri());
        assertThat(response.headers().firstValue("Cache-Control")).contains("max-age=120");
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(response.body()).isEqualTo("<html>nope</html>");
    }

    @Test
    void tokenIsSignedWithTheCurrentKeyAsAccessTokenJwt() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.token("bob", "admin", "user"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.signingKey().getKeyID());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer().toString());
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getStringListClaim("groups")).containsExactly("admin", "user");
    }

    @Test
    void claimsFollowTheConfiguredClock() throws Exception {
        Instant fixed = Instant.parse("2030-01-01T00:00:00Z");
        issuer.clock(Clock.fixed(fixed, ZoneOffset.UTC));
        try {
            JWTClaimsSet claims = issuer.claims().build();
            assertThat(claims.getIssueTime().toInstant()).isEqualTo(fixed);
            assertThat(claims.getExpirationTime().toInstant()).isEqualTo(fixed.plusSeconds(300));
        } finally {
            issuer.clock(Clock.systemUTC());
        }
    }

    @Test
    void anyKeyTypeCanSignWithAnyHeader() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        String es = issuer.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").build(), issuer.claims().build(), ec);
        assertThat(SignedJWT.parse(es).verify(new ECDSAVerifier(ec.toECPublicKey()))).isTrue();

        OctetKeyPair ed = TestIssuer.ed25519Key("ed");
        String eddsa = issuer.sign(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed").build(), issuer.claims().build(), ed);
        SignedJWT parsed = SignedJWT.parse(eddsa);
        java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(TestIssuer.ed25519PublicKey(ed));
        verifier.update(parsed.getSigningInput());
        assertThat(verifier.verify(parsed.getSignature().decode())).isTrue();

        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        assertThat(issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), issuer.claims().build(), weak)).isNotBlank();
    }

    @Test
    void clientSecretBasicIsAcceptedWithFormUrlEncodedCredentials() throws Exception {
        String credentials = URLEncoder.encode("app", StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode("s3cret:+&%", StandardCharsets.UTF_8);
        HttpResponse<String> response = postForm(issuer.tokenEndpoint(), "grant_type=client_credentials&scope=a%20b",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 300L);
        JWTClaimsSet claims = SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("app");
        assertThat(claims.getStringClaim("azp")).isEqualTo("app");
        assertThat(claims.getStringClaim("scope")).isEqualTo("a b");
        TestIssuer.RecordedRequest recorded = issuer.tokenRequests().get(issuer.tokenRequests().size() - 1);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.header("AUTHORIZATION")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
        assertThat(recorded.body()).isEqualTo("grant_type=client_credentials&scope=a%20b");
    }

    @Test
    void wrongBasicSecretIsRefusedWithInvalidClientAndBasicChallenge() throws Exception {
        HttpResponse<String> response = postForm(issuer.tokenEndpoint(), "grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString("app:wrong".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
    }

    @Test
    void clientSecretPostIsAcceptedAndWrongSecretRefused() throws Exception {
        String good = "grant_type=client_credentials&client_id=app&client_secret="
                + URLEncoder.encode("s3cret:+&%", StandardCharsets.UTF_8) + "&audience=orders";
        HttpResponse<String> ok = postForm(issuer.tokenEndpoint(), good, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        String token = (String) JSONObjectUtils.parse(ok.body()).get("access_token");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly("orders");

        HttpResponse<String> bad = postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials&client_id=app&client_secret=nope", null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void jsonBodyIsAccepted() throws Exception {
        String json = "{\"client_id\":\"app\",\"client_secret\":\"s3cret:+&%\",\"audience\":\"api\",\"grant_type\":\"client_credentials\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(issuer.tokenEndpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String token = (String) JSONObjectUtils.parse(response.body()).get("access_token");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly("api");
    }

    @Test
    void privateKeyJwtIsAcceptedAndAForeignKeyRefused() throws Exception {
        RSAKey clientKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
        issuer.registerClient("jwt-client", clientKey.toPublicJWK());
        JWTClaimsSet assertion = new JWTClaimsSet.Builder().issuer("jwt-client").subject("jwt-client")
                .audience(issuer.tokenEndpoint().toString()).jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("client-key").build();

        HttpResponse<String> ok = postForm(issuer.tokenEndpoint(), assertionForm(issuer.sign(header, assertion, clientKey)), null);
        assertThat(ok.statusCode()).isEqualTo(200);

        RSAKey other = new RSAKeyGenerator(2048).generate();
        HttpResponse<String> bad = postForm(issuer.tokenEndpoint(), assertionForm(issuer.sign(header, assertion, other)), null);
        assertThat(bad.statusCode()).isEqualTo(401);
    }

    @Test
    void unsupportedGrantIsRefused() throws Exception {
        HttpResponse<String> response = postForm(issuer.tokenEndpoint(),
                "grant_type=password&client_id=app&client_secret=x", null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "unsupported_grant_type");
    }

    @Test
    void scriptedResponsesComeFirstInOrder() throws Exception {
        issuer.enqueueTokenResponse(500, "text/plain", "boom");
        issuer.enqueueTokenResponse(200, "application/json", "{\"access_token\":\"x\",\"token_type\":\"Bearer\"}");
        String form = "grant_type=client_credentials&client_id=app&client_secret=" + URLEncoder.encode("s3cret:+&%", StandardCharsets.UTF_8);
        assertThat(postForm(issuer.tokenEndpoint(), form, null).body()).isEqualTo("boom");
        assertThat(postForm(issuer.tokenEndpoint(), form, null).body()).contains("\"access_token\":\"x\"");
        assertThat(JSONObjectUtils.parse(postForm(issuer.tokenEndpoint(), form, null).body())).containsKey("expires_in");
    }

    @Test
    void tokenLifetimeNullOmitsExpiresIn() throws Exception {
        issuer.tokenLifetime(null);
        String form = "grant_type=client_credentials&client_id=app&client_secret=" + URLEncoder.encode("s3cret:+&%", StandardCharsets.UTF_8);
        assertThat(JSONObjectUtils.parse(postForm(issuer.tokenEndpoint(), form, null).body())).doesNotContainKey("expires_in");
    }

    @Test
    void freeFixedPortCanBeStartedLater() {
        int port = TestIssuer.freePort();
        try (TestIssuer fixed = TestIssuer.start(port, "/realms/x")) {
            assertThat(fixed.port()).isEqualTo(port);
            assertThat(fixed.issuer().toString()).isEqualTo("http://127.0.0.1:" + port + "/realms/x");
        }
    }

    @Test
    void downRefusesConnectionsAndUpServesTheSameKeysOnTheSamePort() throws Exception {
        try (TestIssuer outage = TestIssuer.start()) {
            String kid = outage.signingKey().getKeyID();
            outage.down();
            assertThat(outage.isUp()).isFalse();
            assertThatThrownBy(() -> get(outage.jwksUri())).isInstanceOf(java.net.ConnectException.class);
            outage.down(); // harmless twice
            outage.up();
            outage.up(); // harmless twice
            assertThat(outage.isUp()).isTrue();
            HttpResponse<String> keys = get(outage.jwksUri());
            assertThat(keys.statusCode()).isEqualTo(200);
            assertThat(JWKSet.parse(keys.body()).getKeyByKeyId(kid)).isNotNull();
            assertThat(outage.jwksUri().getPort()).isEqualTo(outage.port());
            outage.close();
            assertThatThrownBy(outage::up).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void serveKeysPublishesTheGivenKeySetWithoutPrivateParts() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("other").generate();
        issuer.serveKeys(new JWKSet(other));
        JWKSet served = servedKeys();
        assertThat(served.getKeys()).hasSize(1);
        assertThat(served.getKeyByKeyId("other").isPrivate()).isFalse();
        issuer.recover();
        assertThat(servedKeys().getKeyByKeyId(issuer.signingKey().getKeyID())).isNotNull();
    }

    private static String assertionForm(String assertion) {
        return "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
    }

    private static JWKSet servedKeys() throws Exception {
        return JWKSet.parse(get(issuer.jwksUri()).body());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that outlasts a hang the test ends itself. */
    private static CompletableFuture<HttpResponse<String>> getAsync(URI uri) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Patience.WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(URI uri, String form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
