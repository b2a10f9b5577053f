package dev.tessera.jose;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The asymmetric JWS algorithms Tessera verifies (RFC 7518 §3, RFC 8037 §3.1), each bound to one key type
 * and verified with JCA directly. HS* and {@code none} do not exist here at all (threat model rows 1, 2).
 * This is Tessera's one list of algorithms: verification, the issuer's key rules and the client's signing keys
 * all use it.
 */
public enum JwsAlgorithm {
    RS256("SHA256withRSA", Family.RSA, null, null),
    RS384("SHA384withRSA", Family.RSA, null, null),
    RS512("SHA512withRSA", Family.RSA, null, null),
    PS256("RSASSA-PSS", Family.RSA, pss("SHA-256", MGF1ParameterSpec.SHA256, 32), null),
    PS384("RSASSA-PSS", Family.RSA, pss("SHA-384", MGF1ParameterSpec.SHA384, 48), null),
    PS512("RSASSA-PSS", Family.RSA, pss("SHA-512", MGF1ParameterSpec.SHA512, 64), null),
    ES256("SHA256withECDSA", Family.EC, null, NamedCurve.P256),
    ES384("SHA384withECDSA", Family.EC, null, NamedCurve.P384),
    ES512("SHA512withECDSA", Family.EC, null, NamedCurve.P521),
    EdDSA("Ed25519", Family.OKP, null, null);

    /** The key type an algorithm is bound to (RFC 7517 §6.1 {@code kty}; {@code OKP} is Ed25519 here). */
    public enum Family { RSA, EC, OKP }

    /** RFC 7518 §3.3 and §3.5: "A key of size 2048 bits or larger MUST be used". */
    public static final int MIN_RSA_BITS = 2048;

    /** The lowest minimum a deployment may opt into (MicroProfile JWT 2.1 tests 1024-bit keys); never lower. */
    public static final int LOWEST_RSA_BITS = 1024;

    private static final int ED25519_SIGNATURE_LENGTH = 64;

    private static final Logger LOG = Logger.getLogger(JwsAlgorithm.class.getName());

    private final String jcaName;
    private final Family family;
    private final AlgorithmParameterSpec parameters;
    private final NamedCurve curve;
    /** JCA Signature objects are not thread-safe: one per thread, reused, so no provider lookup per token. */
    private final ThreadLocal<Signature> signatures;

    JwsAlgorithm(String jcaName, Family family, AlgorithmParameterSpec parameters, NamedCurve curve) {
        this.jcaName = jcaName;
        this.family = family;
        this.parameters = parameters;
        this.curve = curve;
        this.signatures = ThreadLocal.withInitial(this::newSignature);
    }

    /**
     * The algorithm of this allow-listed spelling: the exact upper-case name ({@code RS256}), and {@code EdDSA} in any
     * case; empty for anything else, including {@code none} and HS* (threat model rows 1, 2).
     */
    public static Optional<JwsAlgorithm> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.equalsIgnoreCase("EdDSA")) {
            return Optional.of(EdDSA);
        }
        for (JwsAlgorithm algorithm : values()) {
            if (algorithm != EdDSA && algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The key type this algorithm needs. */
    public Family family() {
        return family;
    }

    /** The one curve of an ES algorithm (RFC 7518 §3.4); empty for the others. */
    public Optional<NamedCurve> curve() {
        return Optional.ofNullable(curve);
    }

    /** The smallest RSA modulus, in bits, this algorithm accepts; 0 for algorithms that are not RSA. */
    public int minimumRsaBits() {
        return family == Family.RSA ? MIN_RSA_BITS : 0;
    }

    /** Whether a JWK {@code alg} value names this algorithm (RFC 9864 also spells EdDSA on Ed25519 as {@code Ed25519}). */
    public boolean isNamed(String jwkAlg) {
        return name().equals(jwkAlg) || (this == EdDSA && "Ed25519".equals(jwkAlg));
    }

    /** Fails fast at deployment when this JVM cannot verify the algorithm. */
    public void checkAvailable() {
        newSignature();
    }

    /**
     * Whether a key may verify this algorithm: the right type, RSA of at least 2048 bits, EC on this
     * algorithm's curve, Ed25519 for EdDSA (threat model rows 5 and 18).
     */
    public boolean accepts(PublicKey key) {
        return accepts(key, MIN_RSA_BITS);
    }

    /**
     * Like {@link #accepts(PublicKey)}, with another smallest RSA modulus: {@code tessera.bearer.rsa.min-key-bits},
     * which may go down to {@link #LOWEST_RSA_BITS} only as an explicit opt-in against RFC 7518 §3.3.
     */
    public boolean accepts(PublicKey key, int minRsaBits) {
        return switch (family) {
            case RSA -> key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= minRsaBits;
            case EC -> key instanceof ECPublicKey ec && curve.matches(ec.getParams());
            case OKP -> key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
        };
    }

    /**
     * Verifies a JWS signature over the first {@code length} bytes of {@code signingInput}, with a key that
     * {@link #accepts(PublicKey)}.
     *
     * @return whether the signature is valid; malformed signatures and provider failures are simply invalid
     */
    public boolean verify(PublicKey key, byte[] signingInput, int length, byte[] jwsSignature) {
        byte[] signature = switch (family) {
            // RFC 8017 §8.2.2 / §8.1.2 step 1 and RFC 8032 §5.1.7: fixed lengths, checked here so that junk
            // signatures cost no JCA call and no exception.
            case RSA -> jwsSignature.length == (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8 ? jwsSignature : null;
            case EC -> curve.toDer(jwsSignature);
            case OKP -> jwsSignature.length == ED25519_SIGNATURE_LENGTH ? jwsSignature : null;
        };
        if (signature == null) {
            return false;
        }
        Signature verifier = signatures.get();
        try {
            verifier.initVerify(key);
            verifier.update(signingInput, 0, length);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // SignatureException for a malformed encoding inside the signature; ProviderException on odd keys.
            LOG.log(Level.FINE, "{0} verification failed: {1}", new Object[] {name(), e.getClass().getName()});
            return false;
        }
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(jcaName);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot verify " + name() + " (" + jcaName + ")", e);
        }
    }

    /** RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output. */
    private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(hash, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
