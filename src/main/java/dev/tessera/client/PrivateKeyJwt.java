package dev.tessera.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tessera.config.ClientKey;
import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.jose.KeyLoader;
import dev.tessera.jose.KeyLocation;

/**
 * {@code private_key_jwt}: the client authenticates with a short-lived JWT signed by its private key
 * (RFC 7523 §2.2, RFC 7521 §4.2), sent as {@code client_assertion} in the form body.
 */
final class PrivateKeyJwt implements TokenRequestStyle {

    /** RFC 7523 §2.2: the {@code client_assertion_type} value. */
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Assertions are used once, right away; a short lifetime limits the harm of one that leaks. */
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final JWSSigner signer;
    private final JWSHeader header;

    PrivateKeyJwt(String clientId, JWSSigner signer, JWSAlgorithm algorithm, Optional<String> keyId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.header = new JWSHeader.Builder(algorithm).keyID(keyId.orElse(null)).build();
    }

    /**
     * Loads the configured key and checks that it fits the algorithm.
     *
     * @throws IllegalArgumentException naming what is wrong, never the key material
     */
    static PrivateKeyJwt load(String clientId, ClientKey settings) {
        String text = settings.value().orElseGet(() -> read(settings.location().orElseThrow()));
        KeyLoader.PrivateSigningKey loaded;
        try {
            loaded = KeyLoader.privateKey(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        PrivateKey key = loaded.key();
        Optional<String> keyId = settings.keyId().or(loaded::kid);
        JWSAlgorithm algorithm = algorithm(key, settings.algorithm());
        try {
            JWSSigner signer = key instanceof RSAPrivateKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECPrivateKey) key);
            if (!signer.supportedJWSAlgorithms().contains(algorithm)) {
                throw new IllegalArgumentException("unsupported");
            }
            return new PrivateKeyJwt(clientId, signer, algorithm, keyId);
        } catch (JOSEException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key cannot sign " + algorithm);
        }
    }

    @Override
    public TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now) {
        // RFC 7523 §3: iss and sub are the client id, aud identifies the authorization server (its token endpoint)
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenEndpoint.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .build();
        SignedJWT assertion = new SignedJWT(header, claims);
        try {
            assertion.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the client assertion failed", e);
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>(grantParameters);
        fields.add(new SimpleImmutableEntry<>("client_id", clientId));
        fields.add(new SimpleImmutableEntry<>("client_assertion_type", ASSERTION_TYPE));
        fields.add(new SimpleImmutableEntry<>("client_assertion", assertion.serialize()));
        return new TokenRequest(Map.of("Content-Type", FormBody.CONTENT_TYPE, "Accept", "application/json"),
                new FormBody(fields).bytes());
    }

    @Override
    public String toString() {
        return "private_key_jwt[" + header.getAlgorithm() + (header.getKeyID() != null ? ", kid=" + header.getKeyID() : "") + "]";
    }

    private static String read(String location) {
        KeyLocation where = new KeyLocation(location);
        try {
            return where.read();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("cannot read the key file " + where.shown());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + where.shown() + ": " + e.getMessage());
        }
    }

    private static JWSAlgorithm algorithm(PrivateKey key, Optional<String> configured) {
        Optional<JwsAlgorithm> chosen = configured.map(name -> JwsAlgorithm.parse(name)
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not an allowed JWS algorithm")));
        if (key instanceof RSAPrivateKey rsa) {
            JwsAlgorithm alg = chosen.orElse(JwsAlgorithm.RS256);
            if (alg.family() != JwsAlgorithm.Family.RSA) {
                throw new IllegalArgumentException("an RSA key cannot sign " + alg);
            }
            if (rsa.getModulus().bitLength() < alg.minimumRsaBits()) {
                throw new IllegalArgumentException("the RSA key has fewer than " + alg.minimumRsaBits() + " bits");
            }
            return JWSAlgorithm.parse(alg.name());
        }
        ECPrivateKey ec = (ECPrivateKey) key;
        JwsAlgorithm natural = Arrays.stream(JwsAlgorithm.values())
                .filter(alg -> alg.curve().filter(curve -> curve.matches(ec.getParams())).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the EC key is not on P-256, P-384 or P-521"));
        if (chosen.isPresent() && chosen.get() != natural) {
            throw new IllegalArgumentException("a key on this curve signs " + natural + ", not " + chosen.get());
        }
        return JWSAlgorithm.parse(natural.name());
    }
}
