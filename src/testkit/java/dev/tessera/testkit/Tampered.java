package dev.tessera.testkit;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens an application must refuse, made from a genuine one (of any issuer, the kit's or a real provider's): for the
 * attack tests of an application, and of Tessera itself (docs/threat-model.md).
 */
public final class Tampered {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tampered() {
    }

    /** One character of the payload changed: the signature no longer matches. */
    public static String payloadChanged(String token) {
        int i = token.indexOf('.') + 5;
        char c = token.charAt(i) == 'A' ? 'B' : 'A';
        return token.substring(0, i) + c + token.substring(i + 1);
    }

    /** Another payload (JSON) under the token's own header and signature. */
    public static String payloadReplaced(String token, String claimsJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + BASE64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /**
     * The token's claims with one changed ({@code null} removes it), signed RS256 by a new RSA key under the token's own
     * header (its {@code kid} included): what an attacker without the issuer's key can make.
     */
    public static String resignedWithNewKey(String token, String claim, Object value) {
        try {
            SignedJWT genuine = SignedJWT.parse(token);
            JWTClaimsSet claims = new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).claim(claim, value).build();
            RSAKey attackerKey = new RSAKeyGenerator(2048).generate();
            JWSHeader header = new JWSHeader.Builder(genuine.getHeader()).build();
            SignedJWT forged = new SignedJWT(header, claims);
            forged.sign(new RSASSASigner(attackerKey));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("not a signed JWT that can be re-signed with RS256: " + e.getMessage(), e);
        }
    }

    /** The token's header with {@code alg: none} and no signature (RFC 7519 §6.1, an unsecured JWT). */
    public static String unsigned(String token) {
        String payload = token.split("\\.")[1];
        return BASE64URL.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".";
    }
}
