package dev.tessera.bearer;

import dev.tessera.jose.JwsAlgorithm;
import java.util.Objects;

/**
 * What the verifier takes from an accepted JOSE header.
 *
 * @param algorithm the allow-listed {@code alg}
 * @param kid       the {@code kid}, or {@code null}; only ever a lookup key into the issuer's own keys
 */
record JwsHeader(JwsAlgorithm algorithm, String kid) {

    JwsHeader {
        Objects.requireNonNull(algorithm, "algorithm");
    }
}
