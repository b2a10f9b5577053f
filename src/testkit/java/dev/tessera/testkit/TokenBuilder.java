package dev.tessera.testkit;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * A fluent access token of a {@link TestIssuer}: {@code issuer.token().subject("bob").groups("orders-reader")
 * .audience("orders-api").sign()}. It starts with {@code iss} (the issuer), {@code sub} {@code alice}, {@code iat} now,
 * {@code exp} five minutes later and a random {@code jti}, signed RS256 with the issuer's current key ({@code kid} and
 * {@code typ: at+jwt} in the header). Every setter replaces what was there; {@code null} or {@link #without(String)}
 * removes a claim. Not thread-safe; one builder per token.
 */
public final class TokenBuilder {

    private final TestIssuer issuer;
    private final JWTClaimsSet.Builder claims;
    private final Map<String, Object> headerChanges = new LinkedHashMap<>();
    private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
    private Duration lifetime;

    TokenBuilder(TestIssuer issuer, JWTClaimsSet.Builder claims) {
        this.issuer = issuer;
        this.claims = claims;
    }

    /** {@code sub}. */
    public TokenBuilder subject(String subject) {
        claims.subject(subject);
        return this;
    }

    /** The {@code groups} claim, Tessera's default roles claim ({@code tessera.bearer.roles-claim}), as an array. */
    public TokenBuilder groups(String... groups) {
        return claim("groups", List.of(groups));
    }

    /** {@code aud}: one value is written as a string, several as an array (RFC 7519 §4.1.3). */
    public TokenBuilder audience(String... audiences) {
        claims.audience(List.of(audiences));
        return this;
    }

    /** {@code scope}, space-separated as OAuth 2.0 writes it (RFC 8693 §4.2). */
    public TokenBuilder scope(String... scopes) {
        return claim("scope", String.join(" ", scopes));
    }

    /** {@code iss}, when a test needs another issuer than this one. */
    public TokenBuilder issuer(String issuerValue) {
        claims.issuer(issuerValue);
        return this;
    }

    /** {@code iat}; {@code exp} keeps its own value unless {@link #lifetime(Duration)} is set. */
    public TokenBuilder issuedAt(Instant issuedAt) {
        claims.issueTime(date(issuedAt));
        return this;
    }

    /** {@code exp}. */
    public TokenBuilder expiresAt(Instant expiresAt) {
        claims.expirationTime(date(expiresAt));
        lifetime = null;
        return this;
    }

    /** {@code exp} = {@code iat} + this (negative for an expired token), whatever {@code iat} ends up being. */
    public TokenBuilder lifetime(Duration lifetimeFromIssue) {
        this.lifetime = Objects.requireNonNull(lifetimeFromIssue, "lifetime");
        return this;
    }

    /** {@code nbf}. */
    public TokenBuilder notBefore(Instant notBefore) {
        claims.notBeforeTime(date(notBefore));
        return this;
    }

    /** Any claim, of any JSON type (String, Number, Boolean, List, Map); {@code null} removes it. */
    public TokenBuilder claim(String name, Object value) {
        claims.claim(name, value);
        if (name.equals("exp")) {
            lifetime = null;
        }
        return this;
    }

    /** Removes a claim, e.g. {@code without("exp")} for a token that never expires. */
    public TokenBuilder without(String claim) {
        return claim(claim, null);
    }

    /**
     * Sets ({@code null}: removes) a JOSE header parameter, e.g. {@code header("typ", "JWT")}, {@code header("kid",
     * null)} or {@code header("jku", "https://attacker.example/keys")}. {@code alg} cannot be set here: use {@link
     * #es256()} or {@link #signWith(JWK)}.
     */
    public TokenBuilder header(String name, Object value) {
        if (name.equals("alg")) {
            throw new IllegalArgumentException("alg follows the key: use es256() or signWith(key); Tampered.unsigned(...) for alg none");
        }
        headerChanges.put(name, value);
        return this;
    }

    /** Signs with the issuer's P-256 key, ES256 (published in the issuer's JWKS from the first such token on). */
    public TokenBuilder es256() {
        algorithm = JWSAlgorithm.ES256;
        return this;
    }

    /** Signs with the issuer's current RSA key, RS256 (the default). */
    public TokenBuilder rs256() {
        algorithm = JWSAlgorithm.RS256;
        return this;
    }

    /** The claims as they stand, for assertions on what was sent. */
    public JWTClaimsSet claims() {
        JWTClaimsSet built = claims.build();
        if (lifetime == null) {
            return built;
        }
        Date issued = built.getIssueTime() == null ? new Date() : built.getIssueTime();
        return new JWTClaimsSet.Builder(built).expirationTime(date(issued.toInstant().plus(lifetime))).build();
    }

    /** The compact JWS, signed with the issuer's key: a token the issuer's trusting applications accept. */
    public String sign() {
        if (algorithm.equals(JWSAlgorithm.ES256)) {
            ECKey key = issuer.ecSigningKey();
            return issuer.signEs256(header(JWSAlgorithm.ES256, key.getKeyID()), claims());
        }
        return issuer.sign(header(JWSAlgorithm.RS256, issuer.signingKey().getKeyID()), claims(), issuer.signingKey());
    }

    /**
     * Signs with another private key, for attack tests: its algorithm follows the key (RSA RS256, EC ES256/384/512 by
     * curve, Ed25519 EdDSA, {@code oct} HS256) and the header keeps the issuer's {@code kid} unless changed with {@link
     * #header(String, Object)}, so the token claims to be the issuer's.
     */
    public String signWith(JWK key) {
        JWSAlgorithm keyAlgorithm = algorithmOf(key);
        String kid = keyAlgorithm.equals(JWSAlgorithm.ES256) ? issuer.ecSigningKey().getKeyID() : issuer.signingKey().getKeyID();
        return issuer.sign(header(keyAlgorithm, kid), claims(), key);
    }

    private JWSHeader header(JWSAlgorithm alg, String kid) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alg", alg.getName());
        json.put("kid", kid);
        json.put("typ", "at+jwt");
        headerChanges.forEach((name, value) -> {
            if (value == null) {
                json.remove(name);
            } else {
                json.put(name, value);
            }
        });
        try {
            return JWSHeader.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a valid JWS header: " + e.getMessage(), e);
        }
    }

    private static JWSAlgorithm algorithmOf(JWK key) {
        if (key instanceof ECKey ec) {
            return switch (ec.getCurve().getName()) {
                case "P-384" -> JWSAlgorithm.ES384;
                case "P-521" -> JWSAlgorithm.ES512;
                default -> JWSAlgorithm.ES256;
            };
        }
        if (key instanceof OctetKeyPair) {
            return JWSAlgorithm.EdDSA;
        }
        if (key instanceof OctetSequenceKey) {
            return JWSAlgorithm.HS256;
        }
        return JWSAlgorithm.RS256;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
