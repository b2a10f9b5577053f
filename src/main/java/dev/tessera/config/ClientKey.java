package dev.tessera.config;

import java.util.Objects;
import java.util.Optional;

import dev.tessera.jose.JwsAlgorithm;

/**
 * The private key a {@code private_key_jwt} client signs its assertions with (RFC 7523 §2.2): a PEM
 * PKCS#8 key or a private JWK, given inline (from a secret source) or as a file or {@code classpath:} location.
 *
 * @param location  a file path, {@code file:} URL or {@code classpath:} resource holding the key
 * @param value     the key itself (secret); exactly one of location and value is present
 * @param keyId     the {@code kid} to put in the assertion header; defaults to the JWK's {@code kid}
 * @param algorithm the JWS algorithm; defaults to RS256 for RSA keys and ES256/384/512 by curve for EC keys
 */
public record ClientKey(Optional<String> location, Optional<String> value, Optional<String> keyId,
        Optional<String> algorithm) {

    public ClientKey {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        if (location.isPresent() == value.isPresent()) {
            throw new SettingRefusedException("private-key", "set exactly one of private-key and private-key.location");
        }
        algorithm.ifPresent(alg -> {
            // private_key_jwt signs with RSA or EC keys; EdDSA client keys are not supported
            if (JwsAlgorithm.parse(alg).filter(a -> a.family() != JwsAlgorithm.Family.OKP).isEmpty()) {
                throw new SettingRefusedException("private-key.algorithm", "'" + alg
                        + "' is not supported; use one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512");
            }
        });
    }

    @Override
    public String toString() {
        return "ClientKey[" + location.map(l -> "location=" + l).orElse("value=***") + ", keyId="
                + keyId.orElse("-") + ", algorithm=" + algorithm.orElse("-") + "]";
    }
}
