package dev.tessera.issuer;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One verification key published by an issuer, already parsed and checked for use
 * (not {@code use: enc}, RSA of at least 2048 bits, EC on a named JWS curve, Ed25519).
 *
 * @param kid       the JWK {@code kid}, or {@code null} when the key has none
 * @param publicKey the JCA key, built once when the key set is loaded
 * @param algorithm the JWK {@code alg} when the issuer pinned one; the key may then sign only with it
 */
public record SigningKey(String kid, PublicKey publicKey, Optional<String> algorithm) {

    public SigningKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The {@code kid}s of these keys that have one, in order. */
    static List<String> kidsOf(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).filter(Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", type=" + publicKey.getAlgorithm() + ", alg=" + algorithm.orElse("any") + "]";
    }
}
