package dev.tessera.it;

import jakarta.json.JsonValue;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import java.util.Map;
import java.time.Instant;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jwt.SignedJWT;

import dev.tessera.testkit.Tampered;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The demo application, exactly as {@code mvn -Pdemo} runs it ({@code target/demo.war}), on a Liberty server whose
 * own OpenID Connect provider issues the tokens: an authorization server Tessera did not write. Only the port in
 * the demo's configuration is changed, to the integration-test port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("demo") // runs only on the tessera-<port>-demo server (pom.xml: failsafe execution integration-tests-demo)
class DemoIT {

    static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
    static final String PORT = System.getProperty("liberty.http.port");
    static final URI ISSUER = URI.create("http://localhost:" + PORT + "/oidc/endpoint/OP");

    @Deployment
    static WebArchive deployment() {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "demo.war")
                .importFrom(new File("target/demo.war")).as(WebArchive.class);
        String config = read(war, CONFIG);
        assertThat(config).contains("http://localhost:9080/oidc/endpoint/OP", "http://localhost:9080/demo/api");
        war.delete(CONFIG);
        return war.add(new StringAsset(config.replace("localhost:9080", "localhost:" + PORT)), CONFIG);
    }

    @ArquillianResource
    URL base;

    @Test
    void providerPublishesTheIssuerTheDemoTrustsAndItsKeys() {
        JsonObject metadata = json(Http.get(url(ISSUER + "/"), ".well-known/openid-configuration").body());
        assertThat(metadata.getString("issuer")).isEqualTo(ISSUER.toString());
        assertThat(metadata.getString("token_endpoint")).isEqualTo(ISSUER + "/token");
        assertThat(json(Http.get(url(metadata.getString("jwks_uri")), "").body()).getJsonArray("keys")).isNotEmpty();
    }

    @Test
    void publicResourceAnswersAnonymousCallers() {
        HttpResponse<String> response = Http.get(base, "api/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, anonymous!");
    }

    @Test
    void publicResourceGreetsTheClientOfAProviderToken() {
        assertThat(Http.get(base, "api/hello", token("reader", "orders.read")).body()).isEqualTo("Hello, reader!");
    }

    @Test
    void protectedResourceWithoutTokenGets401WithBearerChallenge() {
        HttpResponse<String> response = Http.get(base, "api/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"tessera-demo\"");
    }

    @Test
    void providerTokenIsAcceptedAndItsScopeBecomesTheRole() {
        HttpResponse<String> response = Http.get(base, "api/orders", token("reader", "orders.read"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).getString("caller")).isEqualTo("reader");
        assertThat(json(response.body()).getJsonArray("orders")).hasSize(3);
    }

    @Test
    void tokenWithoutTheAdminScopeGets403() {
        assertThat(Http.get(base, "api/orders/report", token("reader", "orders.read")).statusCode()).isEqualTo(403);
    }

    @Test
    void tokenWithTheAdminScopeReachesTheReport() {
        HttpResponse<String> response = Http.get(base, "api/orders/report", token("admin", "orders.read orders.admin"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"caller\":\"admin\",\"orders\":3,\"open\":2}");
    }

    @Test
    void tamperedProviderTokenGets401InvalidToken() {
        assertInvalidToken(Http.get(base, "api/orders", Tampered.payloadChanged(token("reader", "orders.read"))));
    }

    @Test
    void payloadSwappedUnderTheProvidersSignatureGets401InvalidToken() {
        String forged = Tampered.payloadReplaced(token("reader", "orders.read"),
                "{\"sub\":\"reader\",\"scope\":[\"orders.read\",\"orders.admin\"]}");
        assertInvalidToken(Http.get(base, "api/orders/report", forged));
    }

    @Test
    void providerClaimsSignedWithAnotherKeyUnderTheProvidersKidGet401InvalidToken() throws Exception {
        String genuine = token("reader", "orders.read");
        String kid = SignedJWT.parse(genuine).getHeader().getKeyID();
        assertThat(kid).isNotBlank();
        String forged = Tampered.resignedWithNewKey(genuine, "scope", List.of("orders.read", "orders.admin"));
        assertThat(SignedJWT.parse(forged).getHeader().getKeyID()).isEqualTo(kid);
        assertInvalidToken(Http.get(base, "api/orders/report", forged));
    }

    @Test
    void claimsResourceShowsTheProvidersClaims() {
        HttpResponse<String> response = Http.get(base, "api/me", token("reader", "orders.read"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject me = json(response.body());
        assertThat(me.getString("name")).isEqualTo("reader");
        assertThat(me.getJsonArray("groups").getValuesAs(JsonString::getString)).containsExactly("orders.read");
        JsonObject claims = me.getJsonObject("claims");
        assertThat(claims.getString("iss")).isEqualTo(ISSUER.toString());
        assertThat(claims.getString("sub")).isEqualTo("reader");
        assertThat(claims.getString("azp")).isEqualTo("reader");
        assertThat(claims.getJsonArray("scope").getValuesAs(JsonString::getString)).containsExactly("orders.read");
        assertThat(claims).doesNotContainKeys("aud", "raw_token");
    }

    @Test
    void outboundCallCarriesABackendTokenFromTheTokenEndpointFoundByDiscovery() {
        HttpResponse<String> response = Http.get(base, "api/outbound");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject outbound = json(response.body());
        assertThat(outbound.getString("called")).isEqualTo("http://localhost:" + PORT + "/demo/api/orders");
        assertThat(outbound.getInt("status")).isEqualTo(200);
        assertThat(outbound.getJsonObject("answer").getString("caller")).isEqualTo("backend");
    }

    @Test
    void readinessShowsTheProvidersKeysAndTheBackendClientsTokenWithoutItsSecret() throws Exception {
        URL server = url("http://localhost:" + PORT + "/");
        Instant giveUp = Instant.now().plusSeconds(120);
        // the first probe starts the key fetch and the token request in the background: ask until both are in hand
        HttpResponse<String> ready = Http.get(server, "health/ready");
        while ((ready.statusCode() != 200 || !backendTokenHeld(ready.body())) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            ready = Http.get(server, "health/ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        Map<String, JsonObject> checks = json(ready.body()).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
        assertThat(checks).containsOnlyKeys("tessera-issuer:" + ISSUER, "tessera-client:backend");
        assertThat(checks.get("tessera-issuer:" + ISSUER).getJsonObject("data").getInt("keys")).isPositive();
        assertThat(checks.get("tessera-client:backend").getJsonObject("data").getBoolean("tokenHeld")).isTrue();
        assertThat(ready.body()).doesNotContain("backend-secret");
        assertThat(Http.get(server, "health/live").statusCode()).isEqualTo(200);
    }

    private static boolean backendTokenHeld(String health) {
        return json(health).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals("tessera-client:backend"))
                .anyMatch(check -> check.getJsonObject("data").getBoolean("tokenHeld", false));
    }

    @Test
    void metricsOfTheDemoAreExportedToTheLog() throws Exception {
        String reader = token("reader", "orders.read");
        Instant giveUp = Instant.now().plusSeconds(120); // the demo exports every 30 s
        int status = Http.get(base, "api/orders", reader).statusCode();
        while (status == 503 && Instant.now().isBefore(giveUp)) { // keys still being fetched on a busy machine
            Thread.sleep(250);
            status = Http.get(base, "api/orders", reader).statusCode();
        }
        assertThat(status).isEqualTo(200);
        Predicate<String> exported = line -> line.contains("metric: ") && line.contains("service.name=\"tessera-demo\"")
                && line.contains("name=tessera.bearer.tokens,") && line.contains("outcome=\"accepted\"");
        while (ServerLog.messages().since(0).lines().noneMatch(exported) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
        }
        assertThat(ServerLog.messages().since(0).lines().anyMatch(exported)).isTrue();
    }

    /** A client-credentials token from Liberty's provider; the demo clients' secrets are {@code <name>-secret}. */
    private static String token(String client, String scope) {
        String basic = Base64.getEncoder().encodeToString((client + ":" + client + "-secret").getBytes(UTF_8));
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, UTF_8))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).getString("access_token");
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer realm=\"tessera-demo\"").contains("error=\"invalid_token\""));
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static URL url(String spec) {
        try {
            return URI.create(spec).toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(WebArchive war, String path) {
        try (InputStream in = war.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
