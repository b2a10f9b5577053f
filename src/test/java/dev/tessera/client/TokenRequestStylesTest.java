package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;
import dev.tessera.testkit.TestIssuer.RecordedRequest;

/** The exact request each token-endpoint style puts on the wire, checked against the test issuer. */
class TokenRequestStylesTest {

    /** Characters that break naive encoders: colon, percent, plus, space, non-ASCII. */
    private static final String ID = "id:50%+ü x";
    private static final String SECRET = "se:cr%et+ ü\"\\";
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.start();
        issuer.registerClient(ID, SECRET);
        issuer.clock(clock);
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void clientSecretBasicSendsFormEncodedCredentialsInTheBasicHeader() {
        AccessToken token = Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET, "scope", "read write", "audience", "https://api.kaunt.example/v1",
                "resource", "https://api.kaunt.example/", "param.tenant", "a b&c").token();

        RecordedRequest request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("content-type")).contains("application/x-www-form-urlencoded");
        // RFC 6749 §2.3.1: each part form-url-encoded, then base64(id ":" secret)
        String expected = "id%3A50%25%2B%C3%BC+x:se%3Acr%25et%2B+%C3%BC%22%5C";
        assertThat(request.header("authorization"))
                .contains("Basic " + Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.US_ASCII)));
        assertThat(form(request.body())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "client_credentials", "scope", "read write", "audience", "https://api.kaunt.example/v1",
                "resource", "https://api.kaunt.example/", "tenant", "a b&c"));
        assertThat(request.body()).doesNotContain("client_secret").doesNotContain("client_id");
        assertThat(token.scope()).containsExactlyInAnyOrder("read", "write");
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void clientSecretBasicCanSendTheRawCredentialsAsManyProvidersExpect() {
        issuer.basicCredentialsFormEncoded(false);
        issuer.registerClient("raw-app", SECRET); // RFC 7617 §2: a raw user-id cannot contain ':'

        AccessToken token = Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "raw-app", "client-secret", SECRET, "basic-encoding", "raw").token();

        // base64 of the raw user-id ":" password in UTF-8
        String expected = "raw-app:se:cr%et+ \u00fc\"\\";
        assertThat(onlyRequest().header("authorization"))
                .contains("Basic " + Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.UTF_8)));
        assertThat(token.value()).isNotBlank();
    }

    @Test
    void aRefusedBasicLoginWhoseEncodingsDifferNamesTheSetting() {
        issuer.basicCredentialsFormEncoded(false);

        assertThatThrownBy(Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET)::token)
                .isInstanceOfSatisfying(TokenRequestRefusedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("error=invalid_client")
                .hasMessageContaining("the form and raw Basic encodings send differently")
                .hasMessageContaining("set tessera.client.kaunt.basic-encoding=raw")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining("cr%25et");
    }

    @Test
    void aRefusedBasicLoginWithPlainCredentialsGetsNoEncodingHint() {
        issuer.registerClient("plain-app", "Plain_Secret-123.x");

        assertThatThrownBy(Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "plain-app", "client-secret", "Wrong_Secret-123.x")::token)
                .isInstanceOf(TokenRequestRefusedException.class)
                .hasMessageNotContaining("basic-encoding");
    }

    @Test
    void clientSecretBasicIsTheDefaultStyle() {
        Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET).token();

        RecordedRequest request = onlyRequest();
        assertThat(request.header("authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
        assertThat(request.body()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void clientSecretPostSendsCredentialsAsFormFields() {
        Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET, "auth-method", "client_secret_post", "scope", "read").token();

        RecordedRequest request = onlyRequest();
        assertThat(request.header("authorization")).isEmpty();
        assertThat(request.header("content-type")).contains("application/x-www-form-urlencoded");
        assertThat(request.body()).contains("client_id=id%3A50%25%2B%C3%BC+x")
                .contains("client_secret=se%3Acr%25et%2B+%C3%BC%22%5C");
        assertThat(form(request.body())).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "client_credentials",
                "scope", "read", "client_id", ID, "client_secret", SECRET));
    }

    @Test
    void clientSecretJsonSendsOneEscapedJsonObject() {
        AccessToken token = Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET, "auth-method", "client_secret_json",
                "audience", "https://api.kaunt.example/v1").token();

        RecordedRequest request = onlyRequest();
        assertThat(request.header("content-type")).contains("application/json");
        assertThat(request.header("authorization")).isEmpty();
        JsonObject body = Json.createReader(new StringReader(request.body())).readObject();
        assertThat(body.keySet()).containsExactlyInAnyOrder("client_id", "client_secret", "audience", "grant_type");
        assertThat(body.getString("client_id")).isEqualTo(ID);
        assertThat(body.getString("client_secret")).isEqualTo(SECRET);
        assertThat(body.getString("audience")).isEqualTo("https://api.kaunt.example/v1");
        assertThat(body.getString("grant_type")).isEqualTo("client_credentials");
        assertThat(token.value()).isNotBlank();
    }

    @Test
    void severalResourcesBecomeRepeatedFormFields() {
        issuer.enqueueTokenResponse(200, "application/json", "{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}");
        Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", ID, "client-secret", SECRET, "resource", "https://a.example/, urn:example:b").token();

        assertThat(onlyRequest().body())
                .isEqualTo("grant_type=client_credentials&resource=https%3A%2F%2Fa.example%2F&resource=urn%3Aexample%3Ab");
    }

    @Test
    void privateKeyJwtSignsAShortLivedAssertionWithAPemKey(@TempDir Path dir) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("client-key-1").generate();
        issuer.registerClient("jwt-client", key.toPublicJWK());
        Path pem = dir.resolve("client.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        AccessToken token = Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "jwt-client", "auth-method", "private_key_jwt", "private-key.location", pem.toString(),
                "private-key.id", "client-key-1", "scope", "read").token();

        RecordedRequest request = onlyRequest();
        assertThat(request.header("authorization")).isEmpty();
        Map<String, String> form = form(request.body());
        assertThat(form).containsEntry("grant_type", "client_credentials").containsEntry("scope", "read")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .doesNotContainKey("client_secret");
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("client-key-1");
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("jwt-client");
        assertThat(claims.getSubject()).isEqualTo("jwt-client");
        assertThat(claims.getAudience()).containsExactly(issuer.tokenEndpoint().toString());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
        assertThat(token.value()).isNotBlank();
    }

    @Test
    void privateKeyJwtUsesAFreshJtiForEveryAssertion(@TempDir Path dir) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        issuer.registerClient("jwt-client-2", key.toPublicJWK());
        TokenSource source = Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "jwt-client-2", "auth-method", "private_key_jwt", "private-key", key.toJSONString());
        AccessToken first = source.token();
        source.invalidate(first);
        source.token();

        List<RecordedRequest> requests = issuer.tokenRequests();
        assertThat(requests).hasSize(2);
        String jti1 = SignedJWT.parse(form(requests.get(0).body()).get("client_assertion")).getJWTClaimsSet().getJWTID();
        String jti2 = SignedJWT.parse(form(requests.get(1).body()).get("client_assertion")).getJWTClaimsSet().getJWTID();
        assertThat(jti1).isNotEqualTo(jti2);
    }

    @Test
    void privateKeyJwtSignsWithAnInlineEcJwkAndItsCurvesAlgorithm() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        issuer.registerClient("ec-client", key.toPublicJWK());

        Clients.source(clock, null, "kaunt", "token-endpoint", issuer.tokenEndpoint().toString(),
                "client-id", "ec-client", "auth-method", "private_key_jwt", "private-key", key.toJSONString()).token();

        SignedJWT assertion = SignedJWT.parse(form(onlyRequest().body()).get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("ec-1");
        assertThat(assertion.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();
    }

    @Test
    void discoveryFindsTheTokenEndpointOnceAndChecksTheIssuerExactly() {
        TokenSource source = Clients.source(clock, null, "kaunt", "issuer", issuer.issuer().toString(),
                "client-id", ID, "client-secret", SECRET);
        AccessToken first = source.token();
        source.invalidate(first);
        source.token();

        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("token")).isEqualTo(2);
    }

    @Test
    void discoveryRefusesMetadataNamingAnotherIssuer() {
        issuer.metadataIssuer(issuer.issuer() + "/");
        TokenSource source = Clients.source(clock, null, "kaunt", "issuer", issuer.issuer().toString(),
                "client-id", ID, "client-secret", SECRET);

        assertThatThrownBy(source::token)
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("client 'kaunt'")
                .hasMessageContaining("issuer metadata");
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("token")).isZero();
    }

    @Test
    void aFixedTokenIsUsedAsItIsWithoutAnyRequest() {
        TokenSource source = Clients.source(clock, null, "kaunt", "token", "long-lived.token_value~1+/=");

        AccessToken token = source.token();

        assertThat(token.value()).isEqualTo("long-lived.token_value~1+/=");
        assertThat(token.authorization()).isEqualTo("Bearer long-lived.token_value~1+/=");
        assertThat(token.expiresAt()).isEqualTo(Instant.MAX);
        source.invalidate(token);
        assertThat(source.token()).isEqualTo(token);
        assertThat(issuer.requestCount("token")).isZero();
    }

    private RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = issuer.tokenRequests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

}
