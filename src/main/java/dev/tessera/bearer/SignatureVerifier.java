package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.SigningKey;
import java.util.List;

/**
 * Finds the issuer key that signed a token and verifies the signature. Keys come only from the issuer's
 * {@link KeySource}; {@code kid} only selects among them. At most {@link #MAX_KEYS_TRIED} signature
 * verifications are spent on one token, however many keys the issuer publishes (threat model row 15).
 */
final class SignatureVerifier {

    /** A token without {@code kid} may match this many keys of its algorithm's type; more are refused. */
    static final int MAX_KEYS_TRIED = 2;

    private final int minRsaBits;

    /** @param minRsaBits the smallest RSA modulus accepted: {@link JwsAlgorithm#MIN_RSA_BITS} unless lowered by opt-in */
    SignatureVerifier(int minRsaBits) {
        this.minRsaBits = minRsaBits;
    }

    /**
     * @return the key whose signature verified
     * @throws InvalidTokenException    no usable key, too many candidates, or a bad signature
     * @throws KeysUnavailableException the issuer's keys are not known right now (from the key source)
     */
    SigningKey verify(CompactJws jws, JwsHeader header, KeySource keys)
            throws InvalidTokenException, KeysUnavailableException {
        JwsAlgorithm algorithm = header.algorithm();
        SigningKey first = null;
        SigningKey second = null;
        int usable = 0;
        List<SigningKey> candidates = keys.candidates(header.kid());
        for (SigningKey key : candidates) {
            if (usableFor(key, algorithm)) {
                if (usable == 0) {
                    first = key;
                } else if (usable == 1) {
                    second = key;
                }
                usable++;
            }
        }
        if (candidates.isEmpty()) {
            throw new InvalidTokenException(Refusal.UNKNOWN_KEY, "no issuer key matches the token's kid", unknownKid(header.kid(), keys));
        }
        if (usable == 0) {
            throw new InvalidTokenException(Refusal.UNKNOWN_KEY, "no issuer key of the right type for the token's alg");
        }
        if (usable > MAX_KEYS_TRIED) {
            throw new InvalidTokenException(Refusal.UNKNOWN_KEY, "token does not name one of the issuer's keys (kid)");
        }
        if (check(jws, algorithm, first)) {
            return first;
        }
        if (second != null && check(jws, algorithm, second)) {
            return second;
        }
        throw new InvalidTokenException(Refusal.SIGNATURE, "signature does not verify");
    }

    /** For the FINE refusal: the token's {@code kid} and the ones the issuer publishes (key ids are not secrets). */
    private static String unknownKid(String kid, KeySource keys) {
        return "kid " + (kid == null ? "absent" : ClaimText.quoted(kid)) + ", the issuer's kids "
                + ClaimText.quoted(keys.publishedKids());
    }

    /** Right key type and curve for {@code alg}, and the issuer's pinned {@code alg} if any (RFC 7517 §4.4). */
    private boolean usableFor(SigningKey key, JwsAlgorithm algorithm) {
        return (key.algorithm().isEmpty() || key.algorithm().get().equals(algorithm.name()))
                && algorithm.accepts(key.publicKey(), minRsaBits);
    }

    private static boolean check(CompactJws jws, JwsAlgorithm algorithm, SigningKey key) {
        return algorithm.verify(key.publicKey(), jws.ascii(), jws.signingInputLength(), jws.signature());
    }
}
