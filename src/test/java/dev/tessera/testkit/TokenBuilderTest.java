package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The token builder, on an issuer from the kit's own JUnit 5 extension. */
@ExtendWith(TestIssuerExtension.class)
class TokenBuilderTest {

    private final TestIssuer issuer;

    TokenBuilderTest(TestIssuer issuer) {
        this.issuer = issuer;
    }

    @Test
    void aDefaultTokenIsAnRs256AccessTokenOfTheIssuerValidForFiveMinutes() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.token().sign());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.signingKey().getKeyID());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer().toString());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(claims.getIssueTime().toInstant()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void subjectGroupsAudienceScopeAndAnyClaimAreWritten() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.token().subject("bob").groups("reader", "auditor").audience("orders-api")
                .scope("orders.read", "orders.write").claim("tenant", Map.of("id", 7)).sign()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getStringListClaim("groups")).containsExactly("reader", "auditor");
        assertThat(claims.getAudience()).containsExactly("orders-api");
        assertThat(claims.toJSONObject().get("aud")).isEqualTo("orders-api");
        assertThat(claims.getStringClaim("scope")).isEqualTo("orders.read orders.write");
        assertThat(claims.getJSONObjectClaim("tenant")).containsEntry("id", 7L);
    }

    @Test
    void severalAudiencesBecomeAnArray() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.token().audience("a", "b").sign()).getJWTClaimsSet();
        assertThat(claims.toJSONObject().get("aud")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void timesCanBeSetAndALifetimeCountsFromIssue() throws Exception {
        Instant issued = Instant.parse("2030-01-01T00:00:00Z");
        JWTClaimsSet claims = SignedJWT.parse(issuer.token().lifetime(Duration.ofSeconds(-30)).issuedAt(issued)
                .notBefore(issued.plusSeconds(10)).sign()).getJWTClaimsSet();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(issued);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issued.minusSeconds(30));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issued.plusSeconds(10));

        Instant expiry = Instant.parse("2031-01-01T00:00:00Z");
        assertThat(SignedJWT.parse(issuer.token().lifetime(Duration.ofHours(1)).expiresAt(expiry).sign())
                .getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(expiry);
    }

    @Test
    void withoutRemovesAClaim() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.token().without("exp").without("jti").sign()).getJWTClaimsSet();
        assertThat(claims.getExpirationTime()).isNull();
        assertThat(claims.getJWTID()).isNull();
        assertThat(claims.getIssueTime()).isNotNull();
    }

    @Test
    void headerParametersCanBeSetOrRemovedButNotTheAlgorithm() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.token().header("typ", "JWT").header("kid", null)
                .header("jku", "https://attacker.example/keys").sign());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getHeader().getKeyID()).isNull();
        assertThat(jwt.getHeader().getJWKURL()).hasToString("https://attacker.example/keys");
        assertThat(jwt.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey()))).isTrue();
        assertThatThrownBy(() -> issuer.token().header("alg", "none")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void es256TokensAreSignedWithThePublishedP256Key() throws Exception {
        try (TestIssuer fresh = TestIssuer.start()) {
            assertThat(fresh.publishedKeys().getKeys()).hasSize(1);
            SignedJWT jwt = SignedJWT.parse(fresh.token().es256().sign());
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(jwt.getHeader().getKeyID()).isEqualTo(fresh.ecSigningKey().getKeyID());
            assertThat(jwt.verify(new ECDSAVerifier(fresh.ecSigningKey().toECPublicKey()))).isTrue();
            assertThat(fresh.publishedKeys().getKeyByKeyId(fresh.ecSigningKey().getKeyID())).isNotNull();
            assertThat(fresh.publishedKeys().getKeys()).hasSize(2).noneMatch(k -> k.isPrivate());
        }
    }

    @Test
    void signWithAForeignKeyKeepsTheIssuersKidButNotItsSignature() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = SignedJWT.parse(issuer.token().signWith(foreign));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.signingKey().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey()))).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(foreign.toRSAPublicKey()))).isTrue();
    }

    @Test
    void signWithAnHmacKeyMakesAnHs256Token() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).generate();
        SignedJWT jwt = SignedJWT.parse(issuer.token().signWith(secret));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(secret))).isTrue();
    }

    @Test
    void tamperedPayloadsNoLongerMatchTheSignature() throws Exception {
        String genuine = issuer.token().subject("reader").sign();
        RSASSAVerifier verifier = new RSASSAVerifier(issuer.signingKey().toRSAPublicKey());

        SignedJWT changed = SignedJWT.parse(Tampered.payloadChanged(genuine));
        assertThat(changed.getSignature()).isEqualTo(SignedJWT.parse(genuine).getSignature());
        assertThat(changed.verify(verifier)).isFalse();

        SignedJWT replaced = SignedJWT.parse(Tampered.payloadReplaced(genuine, "{\"sub\":\"admin\"}"));
        assertThat(replaced.getJWTClaimsSet().getSubject()).isEqualTo("admin");
        assertThat(replaced.verify(verifier)).isFalse();
    }

    @Test
    void aResignedTokenKeepsTheHeaderAndChangesTheClaim() throws Exception {
        String genuine = issuer.token().scope("orders.read").sign();
        SignedJWT forged = SignedJWT.parse(Tampered.resignedWithNewKey(genuine, "scope", "orders.read orders.admin"));
        assertThat(forged.getHeader().toJSONObject()).isEqualTo(SignedJWT.parse(genuine).getHeader().toJSONObject());
        assertThat(forged.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("orders.read orders.admin");
        assertThat(forged.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey()))).isFalse();
    }

    @Test
    void anUnsignedTokenHasAlgNoneAndNoSignature() {
        String genuine = issuer.token().sign();
        String unsigned = Tampered.unsigned(genuine);
        String[] parts = unsigned.split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]))).isEqualTo("{\"alg\":\"none\"}");
        assertThat(parts[1]).isEqualTo(genuine.split("\\.")[1]);
        assertThat(parts[2]).isEmpty();
    }
}
