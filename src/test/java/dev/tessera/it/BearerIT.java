package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

import dev.tessera.testkit.Tampered;
import dev.tessera.testkit.TestIssuer;

/** The bearer mechanism on the server under test (Open Liberty, Payara), over HTTP, against a real in-process issuer. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BearerIT {

    static final TestIssuer ISSUER = TestIssuer.start();
    static final TestIssuer STRANGER = TestIssuer.start();
    /** Long enough for two requests on a busy 2-core machine; short enough to wait for. */
    static final Duration SHORT_LIFETIME = Duration.ofSeconds(8);
    /** How long a poll for a key refresh (rate-limited to 1 s here) may take on a busy machine. */
    static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("bearer", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "mp.jwt.verify.audiences", "orders-api",
                "tessera.bearer.roles-claim", "groups,realm_access/roles,scope",
                "tessera.bearer.realm", "orders",
                "tessera.bearer.jwks.min-refresh-interval", "1s",
                "mp.jwt.verify.clock.skew", "0"));
    }

    @AfterAll
    static void stopIssuers() {
        ISSUER.close();
        STRANGER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void publicResourceAnswersWithoutToken() {
        HttpResponse<String> response = Http.get(base, "api/public");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("public:anonymous");
    }

    @Test
    void publicResourceSeesTheCallerOfAValidToken() {
        HttpResponse<String> response = Http.get(base, "api/public", token("alice", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("public:alice");
    }

    @Test
    void invalidTokenOnPublicResourceGets401InvalidToken() {
        long mark = ServerLog.messages().mark();
        assertInvalidToken(Http.get(base, "api/public", Tampered.payloadChanged(token("alice", "orders-reader"))));
        assertInvalidToken(Http.get(base, "api/public", "something")); // not a JWT at all (the TCK's EmptyTokenTest)
        assertThat(ServerUnderTest.current().responseWarnings(ServerLog.messages().since(mark))).isEmpty();
    }

    @Test
    void malformedCredentialOnPublicResourceGets400InvalidRequest() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(java.net.URI.create(base + "api/public"))
                .header("Authorization", "Bearer two words"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_request\""));
    }

    @Test
    void protectedResourceWithoutTokenGets401WithBearerChallenge() {
        HttpResponse<String> response = Http.get(base, "api/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"orders\"");
    }

    @Test
    void validTokenGets200WithTheCallersName() {
        HttpResponse<String> response = Http.get(base, "api/orders", token("alice", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
    }

    @Test
    void authenticationLeavesNoSessionOrCookieBehind() {
        HttpResponse<String> response = Http.get(base, "api/orders", token("alice", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void validTokenWithoutTheRoleGets403() {
        HttpResponse<String> response = Http.get(base, "api/orders/admin", token("alice", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void expiredTokenGets401InvalidToken() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String token = ISSUER.sign(claims("alice", "orders-reader")
                .issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)).build());
        assertInvalidToken(Http.get(base, "api/orders", token));
    }

    @Test
    void wrongAudienceGets401InvalidToken() {
        assertInvalidToken(Http.get(base, "api/orders",
                ISSUER.sign(claims("alice", "orders-reader").audience("billing-api").build())));
    }

    @Test
    void tokenOfAnUntrustedIssuerGets401InvalidToken() {
        assertInvalidToken(Http.get(base, "api/orders",
                STRANGER.sign(STRANGER.claims().subject("alice").audience("orders-api")
                        .claim("groups", List.of("orders-reader")).build())));
    }

    /**
     * Under our key's {@code kid}, so the answer cannot depend on when keys were last fetched: an unknown {@code kid}
     * right after a fetch is answered 503 (the issuer may have rotated), which JwksKeySourceTest covers.
     */
    @Test
    void tokenClaimingOurIssuerButSignedByAnotherKeyGets401InvalidToken() {
        JWSHeader ourKid = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ISSUER.signingKey().getKeyID())
                .type(new JOSEObjectType("at+jwt")).build();
        assertInvalidToken(Http.get(base, "api/orders",
                STRANGER.sign(ourKid, claims("alice", "orders-reader").build(), STRANGER.signingKey())));
    }

    @Test
    void tamperedTokenGets401InvalidToken() {
        assertInvalidToken(Http.get(base, "api/orders", Tampered.payloadChanged(token("alice", "orders-reader"))));
    }

    @Test
    void malformedAuthorizationHeaderGets400InvalidRequest() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(java.net.URI.create(base + "api/orders"))
                .header("Authorization", "Bearer"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_request\""));
    }

    @Test
    void twoAuthorizationHeadersGet400InvalidRequestEvenWithGoodTokens() {
        String token = token("alice", "orders-reader");
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(java.net.URI.create(base + "api/orders"))
                .header("Authorization", "Bearer " + token).header("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_request\""));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(java.net.URI.create(base + "api/orders"))
                .header("Authorization", "bEaReR " + token("alice", "orders-reader")));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void nestedRealmRolesBecomeGroups() {
        String token = ISSUER.sign(ISSUER.claims().subject("bob").audience("orders-api")
                .claim("realm_access", Map.of("roles", List.of("orders-reader"))).build());
        assertThat(Http.get(base, "api/orders", token).statusCode()).isEqualTo(200);
    }

    @Test
    void spaceSeparatedScopeBecomesGroups() {
        String token = ISSUER.sign(ISSUER.claims().subject("svc").audience("orders-api")
                .claim("scope", "openid orders-reader profile").build());
        assertThat(Http.get(base, "api/orders", token).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedJsonWebTokenShowsTheCallersClaims() {
        String token = ISSUER.sign(claims("carol", "orders-reader").claim("preferred_username", "carol.c")
                .claim("tenant", "acme").build());
        HttpResponse<String> response = Http.get(base, "api/me", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"name\":\"carol.c\"", "\"subject\":\"carol\"", "\"issuer\":\"" + ISSUER.issuer() + "\"",
                        "\"groups\":[\"orders-reader\"]", "\"tenant\":\"acme\"", "\"nameFromApplicationScope\":\"carol.c\"");
    }

    @Test
    void applicationScopedBeanSeesEachRequestsOwnCaller() {
        assertThat(Http.get(base, "api/me", token("dave", "orders-reader")).body()).contains("\"nameFromApplicationScope\":\"dave\"");
        assertThat(Http.get(base, "api/me", token("erin", "orders-reader")).body()).contains("\"nameFromApplicationScope\":\"erin\"");
    }

    /**
     * A repeated token is served from Tessera's cache and, with the key the mechanism gives Liberty, from Liberty's
     * authentication cache (on by default): each request must still see its own caller, and get no cookie.
     */
    @Test
    void repeatedTokensKeepTheirOwnCallersAndLeaveNoCookie() {
        String frank = ISSUER.sign(claims("frank", "orders-reader").claim("tenant", "f").build());
        String grace = ISSUER.sign(claims("grace", "orders-reader", "admin").claim("tenant", "g").build());
        for (int round = 0; round < 3; round++) {
            HttpResponse<String> asFrank = Http.get(base, "api/me", frank);
            HttpResponse<String> asGrace = Http.get(base, "api/me", grace);
            assertThat(asFrank.body()).contains("\"name\":\"frank\"", "\"groups\":[\"orders-reader\"]", "\"tenant\":\"f\"");
            assertThat(asGrace.body()).contains("\"name\":\"grace\"", "\"tenant\":\"g\"");
            assertThat(Http.get(base, "api/orders/admin", frank).statusCode()).isEqualTo(403);
            assertThat(Http.get(base, "api/orders/admin", grace).statusCode()).isEqualTo(200);
            assertThat(asFrank.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(asGrace.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    /**
     * Neither cache keeps a token alive: once it expires (no clock skew here), the next request is refused. The token
     * lives at least {@link #SHORT_LIFETIME} (exp is in whole seconds, so rounded up, never down), twice as long on each
     * try in which the machine could not answer both requests in time; the refusal is checked only after exp has
     * certainly passed.
     */
    @Test
    void aRepeatedTokenIsRefusedOnceItExpires() throws InterruptedException {
        // a machine too busy to answer both requests within the lifetime proves nothing: try again, living longer
        for (Duration lifetime = SHORT_LIFETIME; ; lifetime = lifetime.multipliedBy(2)) {
            Instant expiry = Instant.now().plus(lifetime).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            String token = ISSUER.sign(claims("heidi", "orders-reader").expirationTime(Date.from(expiry)).build());
            int first = Http.get(base, "api/orders", token).statusCode();
            int repeated = Http.get(base, "api/orders", token).statusCode();
            if (Instant.now().isBefore(expiry)) {
                assertThat(List.of(first, repeated)).containsExactly(200, 200);
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1000);
                assertInvalidToken(Http.get(base, "api/orders", token));
                return;
            }
            assertThat(lifetime).as("two requests answered within a token lifetime of %s", lifetime)
                    .isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void rotatedSigningKeyIsPickedUpWithoutRestart() throws InterruptedException {
        assertThat(Http.get(base, "api/orders", token("alice", "orders-reader")).statusCode()).isEqualTo(200);
        ISSUER.rotateKeys();
        String fresh = token("alice", "orders-reader");
        Instant giveUp = Instant.now().plus(POLL_LIMIT); // the refresh window is 1 s; a deadline, not a count, on a busy machine
        int status = Http.get(base, "api/orders", fresh).statusCode();
        while (status != 200 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            status = Http.get(base, "api/orders", fresh).statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void refusedTokensAreLoggedWithTheReasonButNeverTheToken() {
        long traceMark = ServerLog.trace().mark();
        long messagesMark = ServerLog.messages().mark();
        String token = Tampered.payloadChanged(token("mallory", "orders-reader"));
        assertInvalidToken(Http.get(base, "api/orders", token));
        String trace = ServerLog.trace().since(traceMark);
        assertThat(trace).contains("Refused bearer token on /bearer/api/orders");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String payload = token.split("\\.")[1];
        assertThat(trace).doesNotContain(signature).doesNotContain(payload);
        assertThat(ServerLog.messages().since(messagesMark)).doesNotContain(signature).doesNotContain(payload);
    }

    @Test
    void unauthorizedAnswersSetNoCookieAndLogNoWarning() {
        long mark = ServerLog.messages().mark();
        HttpResponse<String> missing = Http.get(base, "api/orders");
        HttpResponse<String> invalid = Http.get(base, "api/orders", Tampered.payloadChanged(token("alice", "orders-reader")));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(missing.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(invalid.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(ServerUnderTest.current().responseWarnings(ServerLog.messages().since(mark))).isEmpty();
    }

    @Test
    void badRequestAnswersLogNoWarning() {
        long mark = ServerLog.messages().mark();
        HttpResponse<String> malformed = Http.send(HttpRequest.newBuilder(java.net.URI.create(base + "api/orders"))
                .header("Authorization", "Bearer two words"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_request\""));
        assertThat(ServerUnderTest.current().responseWarnings(ServerLog.messages().since(mark))).isEmpty();
    }

    static JWTClaimsSet.Builder claims(String subject, String... groups) {
        return ISSUER.claims().subject(subject).audience("orders-api").claim("groups", List.of(groups));
    }

    static String token(String subject, String... groups) {
        return ISSUER.sign(claims(subject, groups).build());
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
    }
}
