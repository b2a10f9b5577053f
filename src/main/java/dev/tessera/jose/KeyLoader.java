package dev.tessera.jose;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Tessera's one loader of key text. Public keys: a JWKS (RFC 7517 §5), a single JWK (either also base64 or
 * base64url encoded), PEM {@code PUBLIC KEY} or
 * {@code CERTIFICATE} blocks (RFC 7468), or bare base64 DER. Private keys: an unencrypted PKCS#8 PEM
 * {@code PRIVATE KEY} or a private JWK, RSA or EC. Which keys may then be used is decided by {@link JwsAlgorithm}.
 * Error messages never hold key material.
 */
public final class KeyLoader {

    /** A private key ready to sign, and the key id its JWK carried, if any. */
    public record PrivateSigningKey(PrivateKey key, Optional<String> kid) {

        @Override
        public String toString() {
            return "PrivateSigningKey[" + key.getAlgorithm() + ", kid=" + kid.orElse("-") + "]";
        }
    }

    /**
     * An RSA private key that decrypts JWE content keys, and the key id its JWK carried, if any.
     *
     * @param key       the key, of at least {@link JwsAlgorithm#MIN_RSA_BITS} bits (RFC 7518 §4.3)
     * @param kid       the JWK {@code kid}; empty for PEM keys
     * @param algorithm the JWK {@code alg} when the key is pinned to one (RFC 7517 §4.4); the key then decrypts only it
     */
    public record DecryptionKey(RSAPrivateKey key, Optional<String> kid, Optional<KeyManagementAlgorithm> algorithm) {

        /**
         * A key of at least {@link JwsAlgorithm#MIN_RSA_BITS} bits.
         *
         * @throws IllegalArgumentException for a smaller key
         */
        public DecryptionKey {
            java.util.Objects.requireNonNull(key, "key");
            java.util.Objects.requireNonNull(kid, "kid");
            java.util.Objects.requireNonNull(algorithm, "algorithm");
            // RFC 7518 §4.3: "A key of size 2048 bits or larger MUST be used with these algorithms."
            if (key.getModulus().bitLength() < JwsAlgorithm.MIN_RSA_BITS) {
                throw new IllegalArgumentException("the RSA decryption key has fewer than " + JwsAlgorithm.MIN_RSA_BITS + " bits");
            }
        }

        /** A key for any accepted key management algorithm. */
        public DecryptionKey(RSAPrivateKey key, Optional<String> kid) {
            this(key, kid, Optional.empty());
        }

        /** Whether the key may decrypt a content key wrapped with this algorithm. */
        public boolean allows(KeyManagementAlgorithm wrapping) {
            return algorithm.isEmpty() || algorithm.get() == wrapping;
        }

        /** The modulus length in bytes: the exact length of an encrypted content key. */
        public int modulusBytes() {
            return (key.getModulus().bitLength() + 7) / 8;
        }

        @Override
        public String toString() {
            return "DecryptionKey[RSA " + key.getModulus().bitLength() + " bits, kid=" + kid.orElse("-") + "]";
        }
    }

    private static final Pattern BARE_BASE64 = Pattern.compile("[A-Za-z0-9+/_=\\-\\s]+");
    // RFC 8410 SubjectPublicKeyInfo for Ed25519, followed by the 32 key bytes
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private KeyLoader() {
    }

    /** The JWKs of a JWKS document. */
    public static List<JWK> jwks(String json) throws ParseException {
        return JWKSet.parse(json).getKeys();
    }

    /**
     * The public keys of a JWKS, a single JWK, PEM blocks ({@code PUBLIC KEY}, {@code CERTIFICATE}) or bare base64 DER.
     * A private key is refused, in every form, without being echoed: configured where anyone may read it, it is no
     * longer private (threat model row 33).
     */
    public static List<JWK> publicKeys(String content) throws ParseException {
        String text = content.strip();
        if (text.startsWith("{")) {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            List<JWK> keys = json.containsKey("keys") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
            if (keys.stream().anyMatch(JWK::isPrivate)) {
                throw new ParseException("holds a private key; configure the public key only", 0);
            }
            return keys;
        }
        if (PemBlock.isPem(text)) {
            List<JWK> keys = new ArrayList<>();
            for (PemBlock block : PemBlock.parseAll(text)) {
                switch (block.label()) {
                    case "PUBLIC KEY" -> keys.add(jwkOf(spki(block.der())));
                    case "CERTIFICATE" -> keys.add(jwkOf(certificateKey(block.der())));
                    default -> throw new ParseException("PEM block '" + block.label()
                            + "' is not supported; use PUBLIC KEY or CERTIFICATE", 0);
                }
            }
            return keys;
        }
        if (BARE_BASE64.matcher(text).matches()) {
            // MicroProfile JWT 2.1 §9.2.1: base64 DER, or a base64(url)-encoded JWK or JWKS
            byte[] bytes = decodeAnyBase64(text);
            if (bytes.length > 0 && bytes[0] == '{') {
                return publicKeys(new String(bytes, StandardCharsets.UTF_8));
            }
            return List.of(jwkOf(spki(bytes)));
        }
        throw new ParseException("neither JSON (JWK or JWKS) nor PEM", 0);
    }

    /**
     * The private key of an unencrypted PKCS#8 PEM or a private JWK, RSA or EC.
     *
     * @throws ParseException naming what is wrong, never the key material
     */
    public static PrivateSigningKey privateKey(String content) throws ParseException {
        String text = content.strip();
        if (text.startsWith("{")) {
            JWK jwk;
            PrivateKey key;
            try {
                jwk = JWK.parse(text);
                key = jwk instanceof RSAKey rsa && rsa.isPrivate() ? rsa.toRSAPrivateKey()
                        : jwk instanceof ECKey ec && ec.isPrivate() ? ec.toECPrivateKey() : null;
            } catch (ParseException | JOSEException e) {
                throw new ParseException("not a valid private JWK", 0);
            }
            if (!jwk.isPrivate()) {
                throw new ParseException("the JWK has no private part", 0);
            }
            if (key == null) {
                throw new ParseException("the JWK must be an RSA or EC key", 0);
            }
            return new PrivateSigningKey(key, Optional.ofNullable(jwk.getKeyID()));
        }
        if (!PemBlock.isPem(text)) {
            throw new ParseException("neither a PEM private key nor a JWK", 0);
        }
        PemBlock block;
        try {
            block = PemBlock.parseAll(text).get(0);
        } catch (ParseException e) {
            throw new ParseException("neither a PEM private key nor a JWK: " + e.getMessage(), 0);
        }
        if (!block.label().equals("PRIVATE KEY")) {
            throw new ParseException("a PEM '" + block.label() + "' is not supported; use an unencrypted PKCS#8"
                    + " 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt)", 0);
        }
        for (String type : List.of("RSA", "EC")) {
            try {
                return new PrivateSigningKey(KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(block.der())),
                        Optional.empty());
            } catch (GeneralSecurityException e) {
                // not this key type; try the next
            }
        }
        throw new ParseException("the PEM key is neither an RSA nor an EC PKCS#8 key", 0);
    }

    /**
     * The RSA decryption keys of a JWKS (keys with {@code use: sig} or an {@code alg} other than RSA-OAEP(-256) are
     * skipped), a private JWK, or PEM
     * {@code PRIVATE KEY} blocks (unencrypted PKCS#8). RFC 7518 §4.3: keys under 2048 bits are refused.
     *
     * @throws ParseException naming what is wrong, never the key material
     */
    public static List<DecryptionKey> decryptionKeys(String content) throws ParseException {
        String text = content.strip();
        List<DecryptionKey> keys = new ArrayList<>();
        if (text.startsWith("{")) {
            List<JWK> jwks;
            try {
                Map<String, Object> json = JSONObjectUtils.parse(text);
                jwks = json.containsKey("keys") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
            } catch (ParseException e) {
                throw new ParseException("neither a JWKS nor a JWK", 0);
            }
            for (JWK jwk : jwks) {
                Optional<KeyManagementAlgorithm> pinned = jwk.getAlgorithm() == null ? Optional.empty()
                        : KeyManagementAlgorithm.parse(jwk.getAlgorithm().getName());
                boolean pinnedElsewhere = jwk.getAlgorithm() != null && pinned.isEmpty();
                if (jwk instanceof RSAKey rsa && rsa.isPrivate() && !KeyUse.SIGNATURE.equals(rsa.getKeyUse())
                        && !pinnedElsewhere) {
                    try {
                        keys.add(decryptionKey(rsa.toRSAPrivateKey(), Optional.ofNullable(rsa.getKeyID()), pinned));
                    } catch (JOSEException e) {
                        throw new ParseException("a private RSA JWK is not valid", 0);
                    }
                }
            }
        } else if (PemBlock.isPem(text)) {
            for (PemBlock block : PemBlock.parseAll(text)) {
                if (!block.label().equals("PRIVATE KEY")) {
                    throw new ParseException("a PEM '" + block.label() + "' is not supported; use an unencrypted PKCS#8"
                            + " 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt)", 0);
                }
                try {
                    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(block.der()));
                    keys.add(decryptionKey(key, Optional.empty(), Optional.empty()));
                } catch (GeneralSecurityException e) {
                    throw new ParseException("the PEM key is not an RSA PKCS#8 key", 0);
                }
            }
        } else {
            throw new ParseException("neither PEM nor JSON (JWK or JWKS)", 0);
        }
        if (keys.isEmpty()) {
            throw new ParseException("holds no private RSA key for decryption", 0);
        }
        return List.copyOf(keys);
    }

    private static DecryptionKey decryptionKey(PrivateKey key, Optional<String> kid,
            Optional<KeyManagementAlgorithm> algorithm) throws ParseException {
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new ParseException("the decryption key is not an RSA key", 0);
        }
        try {
            return new DecryptionKey(rsa, kid, algorithm);
        } catch (IllegalArgumentException e) {
            throw new ParseException(e.getMessage(), 0); // names the size, never the key
        }
    }

    /** An Ed25519 public key from its 32 raw bytes (RFC 8037 §2 {@code x}). */
    public static PublicKey ed25519(Base64URL x) throws GeneralSecurityException {
        byte[] raw = x.decode();
        if (raw.length != 32) {
            throw new GeneralSecurityException("Ed25519 keys have 32 bytes");
        }
        byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /** Base64 (RFC 4648 §4, with line breaks) or base64url (§5), padded or not. */
    private static byte[] decodeAnyBase64(String text) throws ParseException {
        String compact = text.replaceAll("\\s", "");
        if (compact.indexOf('-') < 0 && compact.indexOf('_') < 0) {
            return PemBlock.decodeBase64(compact);
        }
        try {
            return Base64.getUrlDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new ParseException("invalid base64url", 0);
        }
    }

    private static PublicKey spki(byte[] der) throws ParseException {
        for (String type : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this key type; try the next
            }
        }
        throw new ParseException("not an RSA, EC or Ed25519 public key", 0);
    }

    private static PublicKey certificateKey(byte[] der) throws ParseException {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (CertificateException e) {
            throw new ParseException("not an X.509 certificate", 0);
        }
    }

    private static JWK jwkOf(PublicKey key) throws ParseException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new ParseException("EC key on an unsupported curve", 0);
            }
            return new ECKey.Builder(curve, ec).build();
        }
        byte[] der = key.getEncoded();
        if (der.length == ED25519_SPKI_PREFIX.length + 32
                && Arrays.equals(der, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            return new OctetKeyPair.Builder(Curve.Ed25519,
                    Base64URL.encode(Arrays.copyOfRange(der, ED25519_SPKI_PREFIX.length, der.length))).build();
        }
        throw new ParseException("unsupported public key type " + key.getAlgorithm(), 0);
    }
}
