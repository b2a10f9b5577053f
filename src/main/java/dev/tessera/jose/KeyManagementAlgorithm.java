package dev.tessera.jose;

import java.security.spec.MGF1ParameterSpec;
import java.util.Optional;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The JWE key management algorithms Tessera decrypts (RFC 7518 §4.3): RSAES-OAEP only, the ones MicroProfile JWT 2.1
 * names for {@code mp.jwt.decrypt.key.algorithm}. RSA1_5, key wrapping, direct and PBES2 keys do not exist here
 * (threat model rows 8 and 38).
 */
public enum KeyManagementAlgorithm {
    /** RSAES-OAEP with SHA-1 and MGF1 with SHA-1 (RFC 7518 §4.3). */
    RSA_OAEP("RSA-OAEP", new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)),
    /** RSAES-OAEP with SHA-256 and MGF1 with SHA-256 (RFC 7518 §4.3). */
    RSA_OAEP_256("RSA-OAEP-256",
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));

    /** The JCA transformation; the parameters, always passed explicitly, choose the hash (the name's default is SHA-1). */
    public static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";

    private final String headerName;
    private final OAEPParameterSpec parameters;

    KeyManagementAlgorithm(String headerName, OAEPParameterSpec parameters) {
        this.headerName = headerName;
        this.parameters = parameters;
    }

    /** The {@code alg} header value (case-sensitive, RFC 7516 §4.1.1). */
    public String headerName() {
        return headerName;
    }

    /** The OAEP parameters for {@link #TRANSFORMATION}. */
    public OAEPParameterSpec parameters() {
        return parameters;
    }

    /** The algorithm with this exact {@code alg} spelling; empty for anything else. */
    public static Optional<KeyManagementAlgorithm> parse(String name) {
        for (KeyManagementAlgorithm algorithm : values()) {
            if (algorithm.headerName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
