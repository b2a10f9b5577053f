package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
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

import com.nimbusds.jwt.JWTClaimsSet;

import dev.tessera.it.claims.AnonymousClaimsResource;
import dev.tessera.it.claims.ApplicationScopedClaimsResource;
import dev.tessera.it.claims.RequestScopedClaimsResource;
import dev.tessera.testkit.TestIssuer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** MicroProfile JWT {@code @Claim} injection on Open Liberty, in request- and application-scoped beans. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimsIT {

    static final TestIssuer ISSUER = TestIssuer.start();

    @Deployment
    static WebArchive deployment() {
        // the first request waits for the keys, which a busy machine fetches from the test issuer in more than 2 s
        return Deployments.war("claims", Map.of("mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                        "tessera.bearer.jwks.max-wait", "30s"),
                RequestScopedClaimsResource.class, ApplicationScopedClaimsResource.class,
                AnonymousClaimsResource.class);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    static JWTClaimsSet.Builder claims(String subject) {
        return ISSUER.claims().subject(subject).audience(List.of("orders-api", "billing"))
                .claim("groups", List.of("reader", "auditor"))
                .claim("customString", "hello " + subject)
                .claim("customLong", subject.length())
                .claim("customDouble", 4.5)
                .claim("customBoolean", true)
                .claim("customStringArray", List.of("a", "b"))
                .claim("customObject", Map.of("k", "v"));
    }

    static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void aRequestScopedBeanGetsEveryClaimTypeConverted() {
        JWTClaimsSet set = claims("alice").build();
        String token = ISSUER.sign(set);
        long iat = set.getIssueTime().toInstant().getEpochSecond();
        long exp = set.getExpirationTime().toInstant().getEpochSecond();

        JsonObject claims = json(Http.get(base, "api/claims", token));

        assertThat(claims.getString("subject")).isEqualTo("alice");
        assertThat(claims.getJsonNumber("issuedAt").longValueExact()).isEqualTo(iat);
        assertThat(claims.getJsonNumber("expiration").longValueExact()).isEqualTo(exp);
        assertThat(claims.getBoolean("flag")).isTrue();
        assertThat(claims.getBoolean("flagWrapper")).isTrue();
        assertThat(claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("auditor", "reader");
        assertThat(claims.getJsonArray("audience").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder("orders-api", "billing");
        assertThat(claims.getString("jsonString")).isEqualTo("hello alice");
        assertThat(claims.getJsonNumber("jsonNumber").bigDecimalValue()).isEqualByComparingTo(new BigDecimal("4.5"));
        assertThat(claims.getJsonArray("jsonArray").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(claims.getJsonObject("jsonObject").getString("k")).isEqualTo("v");
        assertThat(claims.getBoolean("jsonValue")).isTrue();
        assertThat(claims.getJsonNumber("jsonIssuedAt").longValueExact()).isEqualTo(iat);
        assertThat(claims.getString("rawToken")).isEqualTo(token);
        assertThat(claims.getBoolean("missingIsEmpty")).isTrue();
        assertThat(claims.getBoolean("missingStringIsNull")).isTrue();
        assertThat(claims.getJsonNumber("customLong").longValueExact()).isEqualTo(5);
        assertThat(claims.getString("customLongName")).isEqualTo("customLong");
        assertThat(claims.getString("optionalSubject")).isEqualTo("alice");
        assertThat(claims.getString("rawJti")).isEqualTo(set.getJWTID());
        assertThat(claims.getJsonNumber("claimValueNumber").bigDecimalValue())
                .isEqualByComparingTo(new BigDecimal("4.5"));
        assertThat(claims.getString("providedSubject")).isEqualTo("alice");
        assertThat(claims.getJsonNumber("instanceIssuedAt").longValueExact()).isEqualTo(iat);
        assertThat(claims.getBoolean("providedMissingIsEmpty")).isTrue();
    }

    @Test
    void anApplicationScopedBeanSeesTheClaimsOfEachRequest() {
        JsonObject first = json(Http.get(base, "api/app-claims", ISSUER.sign(claims("alice").build())));
        JsonObject second = json(Http.get(base, "api/app-claims",
                ISSUER.sign(claims("bob").claim("groups", List.of("reader")).claim("customDouble", 7)
                        .claim("customLong", null).claim("customString", null).build())));

        assertThat(first.getString("subject")).isEqualTo("alice");
        assertThat(first.getString("providedSubject")).isEqualTo("alice");
        assertThat(first.getString("customLong")).isEqualTo("5");
        assertThat(first.getJsonNumber("customDouble").bigDecimalValue()).isEqualByComparingTo(new BigDecimal("4.5"));
        assertThat(first.getJsonArray("groups").toString()).isEqualTo("[\"auditor\",\"reader\"]");
        assertThat(first.getString("customString")).isEqualTo("hello alice");

        assertThat(second.getString("subject")).isEqualTo("bob");
        assertThat(second.getString("providedSubject")).isEqualTo("bob");
        assertThat(second.getString("customLong")).isEqualTo("none");
        assertThat(second.getJsonNumber("customDouble").longValueExact()).isEqualTo(7);
        assertThat(second.getJsonArray("groups").toString()).isEqualTo("[\"reader\"]");
        assertThat(second.getString("customString")).isEqualTo("none");
    }

    @Test
    void aTokenWhoseInjectedClaimHasAnotherJsonTypeIsRefusedWithInvalidToken() {
        HttpResponse<String> response = Http.get(base, "api/claims",
                ISSUER.sign(claims("carol").claim("customBoolean", "yes").build()));

        assertInvalidToken(response);
    }

    @Test
    void aTokenWhoseClaimValueHasAnotherJsonTypeIsRefusedBeforeTheApplicationReadsIt() {
        HttpResponse<String> response = Http.get(base, "api/app-claims",
                ISSUER.sign(claims("carol").claim("customLong", "five").build()));

        assertInvalidToken(response);
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
    }

    @Test
    void withoutATokenClaimsAreMissingPrimitivesAreZeroAndTheTokenHasNoClaimNames() {
        JsonObject claims = json(Http.get(base, "api/anonymous-claims"));

        assertThat(claims.getBoolean("subjectIsNull")).isTrue();
        assertThat(claims.getBoolean("jsonSubjectIsNull")).isTrue();
        assertThat(claims.getBoolean("expirationIsEmpty")).isTrue();
        assertThat(claims.getBoolean("claimValueSubjectIsEmpty")).isTrue();
        assertThat(claims.getBoolean("claimNamesIsNull")).isTrue();
        assertThat(claims.getJsonNumber("primitiveExpiration").longValueExact()).isZero();
        assertThat(claims.getBoolean("primitiveEmailVerified")).isFalse();
    }
}
