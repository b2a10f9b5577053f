package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

/** The JUnit 5 extension, run through the JUnit launcher on a sample class so that its whole lifecycle is seen. */
class TestIssuerExtensionTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the sample saw; read after it ran. */
    static final List<TestIssuer> SEEN = new ArrayList<>();
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    static final List<Integer> DISCOVERY_STATUS = new ArrayList<>();

    @Test
    void eachClassGetsOneRunningIssuerAndTokensWhichStopsAfterTheClass() throws Exception {
        SEEN.clear();
        TOKENS.clear();
        DISCOVERY_STATUS.clear();
        TestExecutionSummary summary = run(Sample.class);
        assertThat(summary.getTotalFailureCount()).as("%s", summary.getFailures()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);

        assertThat(SEEN).hasSize(3).allSatisfy(issuer -> assertThat(issuer).isSameAs(SEEN.get(0)));
        assertThat(DISCOVERY_STATUS).containsExactly(200, 200);
        TestIssuer issuer = SEEN.get(0);
        SignedJWT rs = SignedJWT.parse(TOKENS.get("rs256"));
        assertThat(rs.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(rs.getJWTClaimsSet().getStringListClaim("groups")).containsExactly("orders-reader");
        assertThat(rs.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
        assertThat(rs.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("a b");
        assertThat(rs.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey()))).isTrue();
        SignedJWT es = SignedJWT.parse(TOKENS.get("es256"));
        assertThat(es.getJWTClaimsSet().getSubject()).isEqualTo("bob");
        assertThat(es.verify(new ECDSAVerifier(issuer.ecSigningKey().toECPublicKey()))).isTrue();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(issuer.openIdConfigurationUri()))
                .as("the issuer is stopped after the class").isInstanceOf(ConnectException.class);

        TestExecutionSummary again = run(Sample.class);
        assertThat(again.getTotalFailureCount()).isZero();
        assertThat(SEEN.get(SEEN.size() - 1)).as("a new class run, a new issuer").isNotSameAs(issuer);
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    static int get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Run only through {@link #run}: Surefire leaves nested classes alone. */
    @ExtendWith(TestIssuerExtension.class)
    static class Sample {

        @BeforeAll
        static void before(TestIssuer issuer) {
            SEEN.add(issuer);
        }

        @Test
        void rs256(TestIssuer issuer, @TestToken(subject = "alice", groups = "orders-reader", audience = "orders-api",
                scope = {"a", "b"}) String token) throws Exception {
            SEEN.add(issuer);
            TOKENS.put("rs256", token);
            DISCOVERY_STATUS.add(get(issuer.openIdConfigurationUri()));
        }

        @Test
        void es256(@TestToken(subject = "bob", es256 = true) String token, TestIssuer issuer) throws Exception {
            SEEN.add(issuer);
            TOKENS.put("es256", token);
            DISCOVERY_STATUS.add(get(issuer.openIdConfigurationUri()));
            JWKSet keys = JWKSet.parse(HTTP.send(HttpRequest.newBuilder(issuer.jwksUri()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(keys.getKeys()).hasSize(2);
        }
    }
}
