package dev.tessera.jose;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The elliptic curves of the ECDSA JWS algorithms (RFC 7518 §3.4): each algorithm is bound to exactly one
 * curve, and its signatures are the fixed-length concatenation {@code R || S}.
 */
public enum NamedCurve {
    P256("secp256r1", 32),
    P384("secp384r1", 48),
    P521("secp521r1", 66);

    private final ECParameterSpec params;
    private final BigInteger order;
    private final int size;

    NamedCurve(String jcaName, int size) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(jcaName));
            this.params = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM does not support the EC curve " + jcaName, e);
        }
        this.order = params.getOrder();
        this.size = size;
    }

    /** Whether a key's domain parameters are those of this curve (threat model row 18: a P-384 key never verifies ES256). */
    public boolean matches(ECParameterSpec keyParams) {
        return keyParams != null
                && keyParams.getCofactor() == params.getCofactor()
                && keyParams.getOrder().equals(order)
                && keyParams.getCurve().equals(params.getCurve())
                && keyParams.getGenerator().equals(params.getGenerator());
    }

    /**
     * Transcodes a JWS ECDSA signature into the DER {@code SEQUENCE {INTEGER r, INTEGER s}} that JCA verifies.
     * Refuses a wrong length (RFC 7518 §3.4) and r or s outside {@code [1, n-1]}: zero values verify on
     * broken providers (CVE-2022-21449, threat model row 3).
     *
     * @return the DER signature, or {@code null} when the signature is malformed
     */
    byte[] toDer(byte[] concatenated) {
        if (concatenated.length != 2 * size) {
            return null;
        }
        BigInteger r = new BigInteger(1, concatenated, 0, size);
        BigInteger s = new BigInteger(1, concatenated, size, size);
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return null;
        }
        byte[] rBytes = r.toByteArray(); // minimal two's complement: a leading 0x00 only when the top bit is set
        byte[] sBytes = s.toByteArray();
        int contentLength = 2 + rBytes.length + 2 + sBytes.length; // at most 2 + 67 + 2 + 67 = 138
        boolean longForm = contentLength > 127;
        byte[] der = new byte[(longForm ? 3 : 2) + contentLength];
        int i = 0;
        der[i++] = 0x30;
        if (longForm) {
            der[i++] = (byte) 0x81;
        }
        der[i++] = (byte) contentLength;
        i = putInteger(der, i, rBytes);
        putInteger(der, i, sBytes);
        return der;
    }

    private static int putInteger(byte[] der, int at, byte[] value) {
        der[at++] = 0x02;
        der[at++] = (byte) value.length;
        System.arraycopy(value, 0, der, at, value.length);
        return at + value.length;
    }
}
