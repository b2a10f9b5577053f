package dev.tessera.bearer;

import dev.tessera.issuer.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

/** Key pairs generated once per test run; nothing is checked in. */
final class TestKeys {

    static final KeyPair RSA_1 = generate("RSA", 2048);
    static final KeyPair RSA_2 = generate("RSA", 2048);
    static final KeyPair RSA_3 = generate("RSA", 2048);
    static final KeyPair RSA_1024 = generate("RSA", 1024);
    static final KeyPair ATTACKER_RSA = generate("RSA", 2048);
    static final KeyPair EC_P256 = generate("EC", new ECGenParameterSpec("secp256r1"));
    static final KeyPair EC_P256_B = generate("EC", new ECGenParameterSpec("secp256r1"));
    static final KeyPair EC_P384 = generate("EC", new ECGenParameterSpec("secp384r1"));
    static final KeyPair EC_P521 = generate("EC", new ECGenParameterSpec("secp521r1"));
    static final KeyPair ATTACKER_EC = generate("EC", new ECGenParameterSpec("secp256r1"));
    static final KeyPair ED25519 = generate("Ed25519", null);
    static final KeyPair ED448 = generate("Ed448", null);

    private TestKeys() {
    }

    /** A published key without a pinned algorithm. */
    static SigningKey signingKey(String kid, KeyPair pair) {
        return new SigningKey(kid, pair.getPublic(), Optional.empty());
    }

    /** A published key whose JWK pins {@code alg}. */
    static SigningKey signingKey(String kid, KeyPair pair, String alg) {
        return new SigningKey(kid, pair.getPublic(), Optional.of(alg));
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
