package dev.tessera.issuer;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.jose.KeyLoader;

/**
 * Turns published keys (a JWKS, a single JWK, PEM public keys or certificates) into {@link SigningKey}s,
 * dropping every key that must not verify issuer signatures (threat model row 18).
 */
final class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    private SigningKeys() {
    }

    /** The usable keys of a JWKS document (RFC 7517 §5). */
    static List<SigningKey> fromJwks(String json) throws ParseException {
        return fromJwks(json, JwsAlgorithm.MIN_RSA_BITS);
    }

    /** Like {@link #fromJwks(String)}, accepting RSA keys of at least {@code minRsaBits}. */
    static List<SigningKey> fromJwks(String json, int minRsaBits) throws ParseException {
        return usable(KeyLoader.jwks(json), minRsaBits);
    }

    /** The usable keys of a JWKS, a single JWK, PEM blocks ({@code PUBLIC KEY}, {@code CERTIFICATE}) or bare base64 DER. */
    static List<SigningKey> fromAnyFormat(String content) throws ParseException {
        return fromAnyFormat(content, JwsAlgorithm.MIN_RSA_BITS);
    }

    /** Like {@link #fromAnyFormat(String)}, accepting RSA keys of at least {@code minRsaBits}. */
    static List<SigningKey> fromAnyFormat(String content, int minRsaBits) throws ParseException {
        return usable(KeyLoader.publicKeys(content), minRsaBits);
    }

    private static List<SigningKey> usable(List<JWK> keys, int minRsaBits) {
        List<SigningKey> usable = new ArrayList<>(keys.size());
        for (JWK key : keys) {
            signingKey(key, minRsaBits).ifPresent(usable::add);
        }
        return List.copyOf(usable);
    }

    /** The key as a SigningKey, or empty (logged at FINE) when it must not verify issuer signatures. */
    static Optional<SigningKey> signingKey(JWK jwk) {
        return signingKey(jwk, JwsAlgorithm.MIN_RSA_BITS);
    }

    /** Like {@link #signingKey(JWK)}, accepting RSA keys of at least {@code minRsaBits}. */
    static Optional<SigningKey> signingKey(JWK jwk, int minRsaBits) {
        String kid = jwk.getKeyID();
        if (jwk.isPrivate()) {
            // whoever fetched the key set can sign with it (threat model row 18)
            return drop(kid, "it is published with its private part and so is compromised");
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return drop(kid, "its use is not sig");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return drop(kid, "its key_ops do not include verify");
        }
        String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        PublicKey key;
        try {
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toRSAPublicKey();
            } else if (jwk instanceof ECKey ec) {
                key = ec.toECPublicKey();
            } else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                key = KeyLoader.ed25519(okp.getX());
            } else {
                return drop(kid, "symmetric, X25519 and " + jwk.getKeyType() + " keys never verify issuer signatures");
            }
        } catch (JOSEException | GeneralSecurityException | IllegalArgumentException e) {
            return drop(kid, "it cannot be converted to a public key");
        }
        // The one list of algorithms decides: type, RSA of 2048+ bits, the ES curve (RFC 7518 §3.4), Ed25519.
        boolean usable = false;
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            usable |= (alg == null || algorithm.isNamed(alg)) && algorithm.accepts(key, minRsaBits);
        }
        if (!usable) {
            return drop(kid, alg == null
                    ? "no JWS algorithm accepts it (RSA of at least " + minRsaBits + " bits, EC P-256/384/521, Ed25519)"
                    : "its alg " + alg + " does not suit it (key type, size or curve)");
        }
        return keep(kid, key, alg);
    }

    private static Optional<SigningKey> keep(String kid, PublicKey key, String alg) {
        return Optional.of(new SigningKey(kid, key, Optional.ofNullable(alg)));
    }

    private static Optional<SigningKey> drop(String kid, String reason) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("Ignoring published key " + (kid == null ? "without kid" : "kid=" + kid) + ": " + reason);
        }
        return Optional.empty();
    }
}
