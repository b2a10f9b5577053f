package dev.tessera.bearer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds tokens from ARBITRARY header and payload text, signed with any key, so that tests can forge every
 * malformed or malicious token a real attacker could send.
 */
final class TokenForge {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TokenForge() {
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /** {@code b64(header).b64(payload).signature}, signed with the JCA counterpart of the JWS {@code alg}. */
    static String sign(String alg, PrivateKey key, String headerJson, String payloadJson) {
        return signEncoded(alg, key, b64(headerJson), b64(payloadJson));
    }

    /** Signs the given (possibly non-canonical) encoded parts exactly as they are. */
    static String signEncoded(String alg, PrivateKey key, String header64, String payload64) {
        String input = header64 + "." + payload64;
        return input + "." + b64(signature(alg, key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An HMAC-SHA256 token whose secret is whatever bytes the attacker chose (e.g. the issuer's public key). */
    static String hs256(byte[] secret, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw JWS signature bytes (ECDSA as fixed-length R || S, RFC 7518 §3.4). */
    static byte[] signature(String alg, PrivateKey key, byte[] input) {
        try {
            Signature signature = switch (alg) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "RS384" -> Signature.getInstance("SHA384withRSA");
                case "RS512" -> Signature.getInstance("SHA512withRSA");
                case "PS256" -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
                case "PS384" -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
                case "PS512" -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
                case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case "ES384" -> Signature.getInstance("SHA384withECDSAinP1363Format");
                case "ES512" -> Signature.getInstance("SHA512withECDSAinP1363Format");
                case "EdDSA" -> Signature.getInstance("EdDSA");
                default -> throw new IllegalArgumentException("no JCA signature for " + alg);
            };
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JCA signature under an explicit name, e.g. DER-encoded ECDSA or PSS with a wrong salt. */
    static byte[] jcaSignature(Signature signature, PrivateKey key, byte[] input) {
        try {
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Signature pss(String hash, MGF1ParameterSpec mgf, int saltLength) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1));
        return signature;
    }
}
