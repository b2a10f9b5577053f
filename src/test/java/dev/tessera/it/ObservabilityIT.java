package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.app.OrdersResource;
import dev.tessera.it.app.PublicResource;
import dev.tessera.testkit.TestIssuer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Readiness and metrics on a server with mpHealth-4.0 and mpTelemetry-2.1 while the issuer goes down and comes back.
 * The issuer answers 503 with {@code Retry-After: 30} until it recovers: Tessera fetches its keys at most once per
 * {@code min-refresh-interval} (30 s here) and asks its token endpoint again only after the {@code Retry-After}, so the
 * one failed fetch and the one failed token request of the outage are exact counts. Metrics are read from the
 * application's OpenTelemetry logging exporter in messages.log (the application's own SDK, so they start at zero).
 */
@Tag("observability") // runs only on tessera-<port>-observability (pom.xml: integration-tests-observability)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {

    static final int PORT = TestIssuer.freePort();
    static final TestIssuer ISSUER = TestIssuer.start(PORT);
    static final String SECRET = "obs-" + UUID.randomUUID();
    static final String SERVICE = "tessera-observability-" + UUID.randomUUID();
    static final Duration PATIENCE = Duration.ofSeconds(120);

    static {
        ISSUER.registerClient("partner-app", SECRET);
        ISSUER.failWith(503, Map.of("Retry-After", "30"));
    }

    @Deployment
    static WebArchive deployment() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", ISSUER.issuer().toString());
        config.put("mp.jwt.verify.audiences", "orders-api");
        config.put("tessera.bearer.jwks.min-refresh-interval", "30s");
        config.put("tessera.client.partner.token-endpoint", ISSUER.tokenEndpoint().toString());
        config.put("tessera.client.partner.client-id", "partner-app");
        config.put("tessera.client.partner.client-secret", SECRET);
        // MicroProfile Telemetry for this application only: metrics to messages.log every 300 ms
        config.put("otel.sdk.disabled", "false");
        config.put("otel.service.name", SERVICE);
        config.put("otel.metrics.exporter", "logging");
        config.put("otel.traces.exporter", "none");
        config.put("otel.logs.exporter", "none");
        config.put("otel.metric.export.interval", "300");
        return Deployments.war("observability", config, PublicResource.class, OrdersResource.class);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void readinessAndMetricsFollowTheIssuerDownAndBackUp() throws Exception {
        String issuerCheck = "tessera-issuer:" + ISSUER.issuer();
        String clientCheck = "tessera-client:partner";
        String good = token(ISSUER.claims().audience("orders-api"));

        // down: the first request starts the first key fetch, which fails; the request gets 503
        assertThat(Http.get(base, "api/orders", good).statusCode()).isEqualTo(503);

        // the first probe starts the client's first token request; a later one sees both checks down
        JsonObject down = readyUntil(health -> !check(health, clientCheck).getJsonObject("data")
                .containsKey("lastFailure"));
        assertThat(down.getString("status")).isEqualTo("DOWN");
        JsonObject issuerDown = check(down, issuerCheck);
        assertThat(issuerDown.getString("status")).isEqualTo("DOWN");
        assertThat(issuerDown.getJsonObject("data").getJsonNumber("keys").intValue()).isZero();
        assertThat(issuerDown.getJsonObject("data").getString("lastFailure")).contains("503");
        Instant failingSince = Instant.parse(issuerDown.getJsonObject("data").getString("failingSince"));
        Instant nextAttempt = Instant.parse(issuerDown.getJsonObject("data").getString("nextAttempt"));
        assertThat(nextAttempt).isEqualTo(failingSince.plusSeconds(30));
        JsonObject clientDown = check(down, clientCheck);
        assertThat(clientDown.getString("status")).isEqualTo("DOWN");
        assertThat(clientDown.getJsonObject("data").getBoolean("tokenHeld")).isFalse();
        assertThat(clientDown.getJsonObject("data").getString("lastFailure")).contains("partner", "503");
        assertThat(clientDown.getJsonObject("data").containsKey("nextAttempt")).isTrue();
        assertThat(down.toString()).doesNotContain(SECRET);

        // Liberty logs CWMMH0052W, with the check's data, for every DOWN check on every probe (docs/operations.md):
        // what it writes is the data above, so no secret reaches messages.log either
        String log = logUntil(text -> text.lines().anyMatch(line -> line.contains("CWMMH0052W")
                && line.contains("client=partner") && line.contains("lastFailure")));
        assertThat(log).doesNotContain(SECRET);

        HttpResponse<String> live = Http.get(base(), "health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live.body()).getString("status")).isEqualTo("UP");

        // back: the next attempts, once due, succeed
        ISSUER.recover();
        JsonObject up = readyUntil(health -> !health.getString("status").equals("UP"));
        JsonObject issuerUp = check(up, issuerCheck);
        assertThat(issuerUp.getJsonObject("data").getJsonNumber("keys").intValue()).isPositive();
        assertThat(issuerUp.getJsonObject("data").containsKey("lastFailure")).isFalse();
        assertThat(check(up, clientCheck).getJsonObject("data").getBoolean("tokenHeld")).isTrue();
        assertThat(up.toString()).doesNotContain(SECRET);
        assertThat(ServerLog.messages().since(0)).doesNotContain(SECRET);

        // tokens: accepted twice (the second a cache hit), refused for four reasons (a changed payload would be
        // "malformed": the issuer is chosen by the unverified iss before the signature is checked)
        assertThat(Http.get(base, "api/orders", good).statusCode()).isEqualTo(200);
        assertThat(Http.get(base, "api/orders", good).statusCode()).isEqualTo(200);
        assertThat(Http.get(base, "api/orders", token(ISSUER.claims().audience("other-api"))).statusCode()).isEqualTo(401);
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertThat(Http.get(base, "api/orders", token(ISSUER.claims().audience("orders-api")
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))))).statusCode()).isEqualTo(401);
        assertThat(Http.get(base, "api/orders", "abc.def").statusCode()).isEqualTo(401);
        assertThat(Http.get(base, "api/orders", otherSignature(token(ISSUER.claims().audience("orders-api"))))
                .statusCode()).isEqualTo(401);

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("tessera.bearer.tokens{outcome=\"unavailable\"}", 1L);
        expected.put("tessera.bearer.tokens{outcome=\"accepted\"}", 2L);
        expected.put("tessera.bearer.tokens{outcome=\"refused\", reason=\"audience\"}", 1L);
        expected.put("tessera.bearer.tokens{outcome=\"refused\", reason=\"expired\"}", 1L);
        expected.put("tessera.bearer.tokens{outcome=\"refused\", reason=\"malformed\"}", 1L);
        expected.put("tessera.bearer.tokens{outcome=\"refused\", reason=\"signature\"}", 1L);
        expected.put("tessera.bearer.token_cache.lookups{result=\"hit\"}", 1L);
        expected.put("tessera.bearer.token_cache.lookups{result=\"miss\"}", 6L);
        expected.put("tessera.bearer.token_cache.size{}", 1L);
        expected.put("tessera.issuer.key_set.fetches{issuer=\"" + ISSUER.issuer() + "\", outcome=\"failure\"}", 1L);
        expected.put("tessera.issuer.key_set.fetches{issuer=\"" + ISSUER.issuer() + "\", outcome=\"success\"}", 1L);
        expected.put("tessera.client.token_request.duration{client=\"partner\", outcome=\"failure\"}", 1L);
        expected.put("tessera.client.token_request.duration{client=\"partner\", outcome=\"success\"}", 1L);
        assertThat(metricsUntil(expected)).containsAllEntriesOf(expected);
    }

    private String token(com.nimbusds.jwt.JWTClaimsSet.Builder claims) {
        return ISSUER.sign(claims.claim("groups", List.of("orders-reader")).build());
    }

    /** One character in the middle of the signature changed: still canonical base64url, no longer the signature. */
    private static String otherSignature(String token) {
        int i = token.lastIndexOf('.') + 20;
        return token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
    }

    private static URL base() throws Exception {
        return URI.create("http://127.0.0.1:" + System.getProperty("liberty.http.port") + "/").toURL();
    }

    /** {@code /health/ready}, asked every 250 ms while {@code waiting} holds, at most {@link #PATIENCE} long. */
    private static JsonObject readyUntil(Predicate<JsonObject> waiting) throws Exception {
        Instant giveUp = Instant.now().plus(PATIENCE);
        JsonObject health = json(Http.get(base(), "health/ready").body());
        while (waiting.test(health) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            health = json(Http.get(base(), "health/ready").body());
        }
        assertThat(waiting.test(health)).as("still waiting, last answer %s", health).isFalse();
        return health;
    }

    /** messages.log, read every 250 ms until it shows what is awaited, at most {@link #PATIENCE} long. */
    private static String logUntil(Predicate<String> shows) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        String log = ServerLog.messages().since(0);
        while (!shows.test(log) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            log = ServerLog.messages().since(0);
        }
        assertThat(shows.test(log)).as("messages.log does not show it").isTrue();
        return log;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /**
     * The latest exported values of this application's Tessera metrics, read from messages.log until they equal the
     * expected ones (an export every 300 ms), at most {@link #PATIENCE} long: key "name{attributes}", value the sum,
     * gauge value or histogram count.
     */
    private static Map<String, Long> metricsUntil(Map<String, Long> expected) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        Map<String, Long> latest = LoggedMetrics.read(ServerLog.messages().since(0), SERVICE);
        while (!latest.entrySet().containsAll(expected.entrySet()) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(300);
            latest = LoggedMetrics.read(ServerLog.messages().since(0), SERVICE);
        }
        return latest;
    }

    /** Reads OpenTelemetry's logging exporter lines ("metric: ImmutableMetricData{...}"). */
    static final class LoggedMetrics {

        private static final Pattern NAME = Pattern.compile(", name=(tessera\\.[a-z_.]+), ");
        private static final Pattern POINT = Pattern.compile(
                "(?:attributes|getAttributes)=\\{([^}]*)\\}, (?:value=(\\d+)|.*?(?:count|getCount)=(\\d+))");

        static Map<String, Long> read(String log, String service) {
            Map<String, Long> values = new LinkedHashMap<>();
            log.lines().filter(line -> line.contains("metric: ") && line.contains("service.name=\"" + service + "\""))
                    .forEach(line -> {
                        Matcher name = NAME.matcher(line);
                        if (!name.find()) {
                            return;
                        }
                        String data = line.substring(line.indexOf("data=", name.end()));
                        Matcher point = POINT.matcher(data);
                        while (point.find()) {
                            String value = Optional.ofNullable(point.group(2)).orElse(point.group(3));
                            values.put(name.group(1) + "{" + point.group(1) + "}", Long.parseLong(value));
                        }
                    });
            return values;
        }
    }
}
