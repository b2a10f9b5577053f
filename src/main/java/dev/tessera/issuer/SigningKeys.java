package dev.tessera.issuer;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import dev.tessera.jose.JwsAlgorithm;

/**
 * Turns published keys (a JWKS, a single JWK, PEM public keys or certificates) into {@link SigningKey}s,
 * dropping every key that must not verify issuer signatures (SECURITY.md row 18).
 */
final class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final Pattern BARE_BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");
    // RFC 8410 SubjectPublicKeyInfo for Ed25519, followed by the 32 key bytes
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private SigningKeys() {
    }

    /** The usable keys of a JWKS document (RFC 7517 §5). */
    static List<SigningKey> fromJwks(String json) throws ParseException {
        return usable(JWKSet.parse(json).getKeys());
    }

    /** The usable keys of a JWKS, a single JWK, PEM blocks ({@code PUBLIC KEY}, {@code CERTIFICATE}) or bare base64 DER. */
    static List<SigningKey> fromAnyFormat(String content) throws ParseException {
        String text = content.strip();
        if (text.startsWith("{")) {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            return json.containsKey("keys") ? usable(JWKSet.parse(json).getKeys()) : usable(List.of(JWK.parse(json)));
        }
        if (text.contains("-----BEGIN")) {
            return usable(pemKeys(text));
        }
        if (BARE_BASE64.matcher(text).matches()) {
            return usable(List.of(jwkOf(spki(decodeBase64(text)))));
        }
        throw new ParseException("neither JSON (JWK or JWKS) nor PEM", 0);
    }

    private static List<SigningKey> usable(List<JWK> keys) {
        List<SigningKey> usable = new ArrayList<>(keys.size());
        for (JWK key : keys) {
            signingKey(key).ifPresent(usable::add);
        }
        return List.copyOf(usable);
    }

    /** The key as a SigningKey, or empty (logged at FINE) when it must not verify issuer signatures. */
    static Optional<SigningKey> signingKey(JWK jwk) {
        String kid = jwk.getKeyID();
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return drop(kid, "its use is not sig");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return drop(kid, "its key_ops do not include verify");
        }
        String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        PublicKey key;
        try {
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toRSAPublicKey();
            } else if (jwk instanceof ECKey ec) {
                key = ec.toECPublicKey();
            } else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                key = ed25519(okp.getX());
            } else {
                return drop(kid, "symmetric, X25519 and " + jwk.getKeyType() + " keys never verify issuer signatures");
            }
        } catch (JOSEException | GeneralSecurityException | IllegalArgumentException e) {
            return drop(kid, "it cannot be converted to a public key");
        }
        // The one list of algorithms decides: type, RSA of 2048+ bits, the ES curve (RFC 7518 §3.4), Ed25519.
        boolean usable = false;
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            usable |= (alg == null || algorithm.isNamed(alg)) && algorithm.accepts(key);
        }
        if (!usable) {
            return drop(kid, alg == null
                    ? "no JWS algorithm accepts it (RSA of at least " + JwsAlgorithm.MIN_RSA_BITS + " bits, EC P-256/384/521, Ed25519)"
                    : "its alg " + alg + " does not suit it (key type, size or curve)");
        }
        return keep(kid, key, alg);
    }

    private static Optional<SigningKey> keep(String kid, PublicKey key, String alg) {
        return Optional.of(new SigningKey(kid, key, Optional.ofNullable(alg)));
    }

    private static Optional<SigningKey> drop(String kid, String reason) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("Ignoring published key " + (kid == null ? "without kid" : "kid=" + kid) + ": " + reason);
        }
        return Optional.empty();
    }

    private static PublicKey ed25519(Base64URL x) throws GeneralSecurityException {
        byte[] raw = x.decode();
        if (raw.length != 32) {
            throw new GeneralSecurityException("Ed25519 keys have 32 bytes");
        }
        byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static List<JWK> pemKeys(String text) throws ParseException {
        List<JWK> keys = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = decodeBase64(m.group(2));
            switch (type) {
                case "PUBLIC KEY" -> keys.add(jwkOf(spki(der)));
                case "CERTIFICATE" -> keys.add(jwkOf(certificateKey(der)));
                default -> throw new ParseException("PEM block '" + type + "' is not supported; use PUBLIC KEY or CERTIFICATE", m.start());
            }
        }
        if (keys.isEmpty()) {
            throw new ParseException("no complete PEM block", 0);
        }
        return keys;
    }

    private static byte[] decodeBase64(String text) throws ParseException {
        try {
            return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ParseException("invalid base64", 0);
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
