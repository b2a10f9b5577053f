package dev.tessera.config;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import dev.tessera.jose.KeyManagementAlgorithm;

/**
 * Encrypted tokens (JWE, RFC 7516) are accepted: MicroProfile JWT 2.1 {@code mp.jwt.decrypt.key.location} and
 * {@code mp.jwt.decrypt.key.algorithm}. Once set, only encrypted tokens are accepted; whether their content must also
 * be signed follows from {@link Trust} (signed and encrypted unless the trust is {@link Trust.EncryptedClaims}).
 *
 * @param keyLocation where the RSA private keys are (file, classpath resource or URL) as PEM, JWK or JWKS
 * @param algorithms  the accepted key management algorithms, at least one
 */
public record Decryption(String keyLocation, Set<KeyManagementAlgorithm> algorithms) {

    /** MicroProfile JWT 2.1: without {@code mp.jwt.decrypt.key.algorithm}, both RSA-OAEP and RSA-OAEP-256 are accepted. */
    public static final Set<KeyManagementAlgorithm> DEFAULT_ALGORITHMS = Set.copyOf(EnumSet.allOf(KeyManagementAlgorithm.class));

    public Decryption {
        if (keyLocation == null || keyLocation.isBlank()) {
            throw new IllegalArgumentException("a decryption key location must not be empty");
        }
        algorithms = Set.copyOf(Objects.requireNonNull(algorithms, "algorithms"));
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one key management algorithm is required");
        }
    }
}
