package dev.tessera.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tessera.bearer.TokenVerifier;
import dev.tessera.config.BearerConfig;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.issuer.TrustedIssuers;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A benchmark issuer for one JWS algorithm (RS256 with RSA-2048, or ES256 with P-256): a key pair generated at
 * start, its JWKS, tokens with realistic claims (about 800 bytes, Keycloak-like) signed with it, and the three
 * verifiers under test configured to trust it with the same policy: issuer, audience, {@code exp} required with
 * 60 s clock skew, only this algorithm, the key given directly (no network).
 */
public final class BenchIssuer {

    static final String ISSUER = "https://login.example.com/realms/acme";
    static final String AUDIENCE = "orders-api";
    static final String ROLES_CLAIM = "realm_access/roles";

    /** The clock of every Tessera verifier here, as in production. */
    public static final Clock CLOCK = Clock.systemUTC();

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String alg;
    private final String kid;
    private final KeyPair keys;
    private final Instant issuedAt = Instant.now();

    private BenchIssuer(String alg, String kid, KeyPair keys) {
        this.alg = alg;
        this.kid = kid;
        this.keys = keys;
    }

    /** An issuer with a new key pair for {@code alg}: RS256 or ES256. */
    public static BenchIssuer generate(String alg) {
        try {
            KeyPairGenerator generator;
            switch (alg) {
                case "RS256" -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                }
                case "ES256" -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                default -> throw new IllegalArgumentException("no benchmark issuer for " + alg);
            }
            return new BenchIssuer(alg, alg.toLowerCase() + "-1", generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String alg() {
        return alg;
    }

    KeyPair keys() {
        return keys;
    }

    /** The JCA name Tessera and the floor verify {@link #alg()} with (ECDSA with DER-encoded signatures). */
    public String jcaName() {
        return alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** The public key as a JWKS document, as an issuer publishes it. */
    String jwks() {
        JWK jwk = alg.equals("RS256")
                ? new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).build()
                : new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getPublic()).keyID(kid).build();
        return new JWKSet(jwk).toString();
    }

    /** Tessera's inbound settings, read from MicroProfile Config keys as a deployment reads them. */
    public BearerSettings tesseraSettings() {
        return tesseraSettings(Map.of());
    }

    /** {@link #tesseraSettings()} with further keys, such as {@code mp.jwt.decrypt.key.location}. */
    public BearerSettings tesseraSettings(Map<String, String> further) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.publickey", jwks(),
                "mp.jwt.verify.audiences", AUDIENCE,
                "mp.jwt.verify.publickey.algorithm", alg,
                "tessera.bearer.roles-claim", ROLES_CLAIM));
        properties.putAll(further);
        ConfigReader config = new ConfigReader(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "bench", 500)).build());
        BearerSettings settings = BearerConfig.read(config).orElse(null);
        config.throwIfProblems();
        return settings;
    }

    /** Tessera's verifier without a cache, built as the deployment builds it: {@link TrustedIssuers} over the inline JWKS. */
    public TokenVerifier tesseraVerifier(BearerSettings settings) {
        return new TokenVerifier(settings, TrustedIssuers.from(settings, CLOCK), CLOCK);
    }

    /** Nimbus JOSE+JWT's processor; {@code sub} is required as Tessera requires a caller name. */
    DefaultJWTProcessor<SecurityContext> nimbusProcessor() {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.parse(alg), keys.getPublic()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(AUDIENCE),
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp", "sub"), Set.of()));
        return processor;
    }

    /** jose4j's consumer; {@code sub} is required as Tessera requires a caller name. */
    JwtConsumer jose4jConsumer() {
        return new JwtConsumerBuilder()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(60)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .setVerificationKey(keys.getPublic())
                .build();
    }

    /** A compact JWS over {@link #claims(int)}; {@code serial} makes {@code jti} (and so the token) distinct. */
    public String token(int serial) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String input = b64(header) + "." + b64(claims(serial));
        return input + "." + BASE64URL.encodeToString(sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Claims of a Keycloak access token for a person, valid for an hour from the issuer's creation. */
    String claims(int serial) {
        long iat = issuedAt.getEpochSecond();
        return "{\"exp\":" + (iat + 3600) + ",\"iat\":" + iat + ",\"nbf\":" + iat + ",\"auth_time\":" + (iat - 30)
                + ",\"jti\":\"" + new UUID(0x6a7469L, serial) + "\""
                + ",\"iss\":\"" + ISSUER + "\",\"aud\":[\"" + AUDIENCE + "\",\"account\"]"
                + ",\"sub\":\"5f1c3b9e-2d4a-4c8e-9a61-0b7e3f2d8c41\",\"typ\":\"Bearer\",\"azp\":\"orders-web\""
                + ",\"sid\":\"0c9d2e7a-81f4-4b3c-a5d6-3e2f1a9b8c7d\",\"acr\":\"1\""
                + ",\"allowed-origins\":[\"https://orders.example.com\"]"
                + ",\"realm_access\":{\"roles\":[\"offline_access\",\"uma_authorization\",\"orders-reader\",\"orders-writer\"]}"
                + ",\"resource_access\":{\"account\":{\"roles\":[\"manage-account\",\"manage-account-links\",\"view-profile\"]}}"
                + ",\"scope\":\"openid email profile orders.read orders.write\",\"email_verified\":true"
                + ",\"name\":\"Alice Example\",\"preferred_username\":\"alice\",\"given_name\":\"Alice\""
                + ",\"family_name\":\"Example\",\"email\":\"alice@example.com\""
                + ",\"groups\":[\"/staff\",\"/staff/orders\"]}";
    }

    /** The JWS signature bytes (ECDSA as R || S, RFC 7518 §3.4). */
    private byte[] sign(byte[] input) {
        try {
            Signature signature = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            signature.initSign(keys.getPrivate());
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWS signature as JCA verifies it: ECDSA R || S becomes DER, RSA stays as it is. */
    /** The token's JWS signing input (RFC 7515 §5.2), as the floor hands it to JCA. */
    public static byte[] signingInput(String token) {
        return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    /** The token's signature as JCA verifies it: DER for ES256, the JWS bytes for RS256. */
    public byte[] jcaSignature(String token) {
        byte[] jwsSignature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        try {
            return alg.equals("ES256") ? ECDSA.transcodeSignatureToDER(jwsSignature) : jwsSignature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
