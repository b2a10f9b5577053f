package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.ISSUER;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.crypto.RSAEncrypter;
import dev.tessera.config.TokenCacheSettings;
import dev.tessera.issuer.TrustedIssuers;
import dev.tessera.jose.KeyLoader.DecryptionKey;
import dev.tessera.jose.KeyManagementAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Encrypted tokens (RFC 7516 compact JWE): signed then encrypted, encrypted claims, and every refusal. */
class EncryptedTokenTest {

    private static final KeyPair DECRYPTION = TestKeys.RSA_2;
    private static final KeyPair OTHER_DECRYPTION = TestKeys.RSA_3;

    @Test
    void aSignedThenEncryptedTokenWithRsaOaep256IsAccepted() throws Exception {
        VerifiedToken token = nestedVerifier().verify(nested(JWEAlgorithm.RSA_OAEP_256));
        assertEquals("alice", token.getName());
    }

    @Test
    void aSignedThenEncryptedTokenWithRsaOaepIsAccepted() throws Exception {
        assertEquals("alice", nestedVerifier().verify(nested(JWEAlgorithm.RSA_OAEP)).getName());
    }

    @Test
    void rsaOaepIsRefusedWhenOnlyRsaOaep256IsConfigured() throws Exception {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP_256), keys(key(null)));
        assertRefused(verifier, nested(JWEAlgorithm.RSA_OAEP), "alg is not an allowed key management algorithm");
    }

    @Test
    void aSignedTokenIsRefusedWhenTokensMustBeEncrypted() {
        assertRefused(nestedVerifier(), signed(), "token is not encrypted (JWE), which is required");
    }

    @Test
    void anEncryptedTokenIsRefusedWhenDecryptionIsNotConfigured() throws Exception {
        TokenVerifier verifier = Fixture.verifier(settings(), new FixedKeySource(TestKeys.signingKey("k1", TestKeys.RSA_1)));
        assertRefused(verifier, nested(JWEAlgorithm.RSA_OAEP_256), "encrypted tokens (JWE) are not accepted");
    }

    @Test
    void encryptedClaimsAreRefusedWhereASignedTokenMustBeInside() throws Exception {
        String claimsOnly = jwe(header(JWEAlgorithm.RSA_OAEP_256).build(), claims().json());
        assertRefused(nestedVerifier(), claimsOnly, "encrypted token does not hold a signed JWT (cty JWT)");
    }

    @Test
    void anInnerTokenWithABadSignatureIsRefused() throws Exception {
        String signed = signed();
        int middle = signed.length() - 100; // inside the signature, away from its last, partly unused character
        String tampered = signed.substring(0, middle) + (signed.charAt(middle) == 'A' ? 'B' : 'A') + signed.substring(middle + 1);
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").build(), tampered);
        assertRefused(nestedVerifier(), token, "signature does not verify");
    }

    @Test
    void encryptedClaimsAreAcceptedWithADecryptionKeyAlone() throws Exception {
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).build(), claims().json());
        assertEquals("alice", claimsVerifier().verify(token).getName());
    }

    @Test
    void aNestedTokenIsRefusedWhereEncryptedClaimsAreExpected() throws Exception {
        assertRefused(claimsVerifier(), nested(JWEAlgorithm.RSA_OAEP_256),
                "encrypted token must hold claims, not content of type cty");
    }

    @Test
    void expiredEncryptedClaimsAreRefused() throws Exception {
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).build(),
                claims().with("exp", Fixture.NOW_SECONDS - 3600).json());
        assertThrows(InvalidTokenException.class, () -> claimsVerifier().verify(token));
    }

    @Test
    void contentEncryptionOtherThanA256GcmIsRefused() throws Exception {
        String token = jwe(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM).contentType("JWT")
                .build(), signed());
        assertRefused(nestedVerifier(), token, "enc is not A256GCM");
    }

    @Test
    void cbcContentEncryptionIsRefused() throws Exception {
        String token = jwe(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256CBC_HS512)
                .contentType("JWT").build(), signed());
        assertRefused(nestedVerifier(), token, "enc is not A256GCM");
    }

    @Test
    void rsa15KeyManagementIsRefused() throws Exception {
        String token = jwe(header(JWEAlgorithm.RSA1_5).contentType("JWT").build(), signed());
        assertRefused(nestedVerifier(), token, "alg is not an allowed key management algorithm");
    }

    @Test
    void directEncryptionIsRefused() throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).contentType("JWT")
                .build(), new Payload(signed()));
        jwe.encrypt(new DirectEncrypter(new SecretKeySpec(new byte[32], "AES")));
        assertRefused(nestedVerifier(), jwe.serialize(), "alg is not an allowed key management algorithm");
    }

    @Test
    void anAbsentAlgOrEncIsRefused() throws Exception {
        assertRefused(nestedVerifier(), handMade("{\"enc\":\"A256GCM\",\"cty\":\"JWT\"}", 32, 12, 16),
                "alg is not an allowed key management algorithm");
        assertRefused(nestedVerifier(), handMade("{\"alg\":\"RSA-OAEP-256\",\"cty\":\"JWT\"}", 32, 12, 16),
                "enc is not A256GCM");
    }

    @Test
    void compressedContentIsRefused() throws Exception {
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT")
                .compressionAlgorithm(CompressionAlgorithm.DEF).build(), signed());
        assertRefused(nestedVerifier(), token, "compressed tokens are not accepted");
    }

    @Test
    void aCritHeaderIsRefused() throws Exception {
        String token = handMade("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"crit\":[\"x\"],\"x\":1}",
                32, 12, 16);
        assertRefused(nestedVerifier(), token, "crit header names extensions that are not supported");
    }

    @Test
    void aContentKeyOfTheWrongLengthFailsLikeAnyDecryption() throws Exception {
        assertRefused(nestedVerifier(), handMade(NESTED_HEADER, 16, 12, 16), "token does not decrypt");
    }

    @Test
    void anIvOfTheWrongLengthIsRefused() throws Exception {
        assertRefused(nestedVerifier(), handMade(NESTED_HEADER, 32, 16, 16),
                "token's IV or authentication tag has the wrong length for A256GCM");
    }

    @Test
    void aTagOfTheWrongLengthIsRefused() throws Exception {
        assertRefused(nestedVerifier(), handMade(NESTED_HEADER, 32, 12, 12),
                "token's IV or authentication tag has the wrong length for A256GCM");
    }

    @Test
    void aBadPaddingAndABadTagGiveTheSameReason() throws Exception {
        String token = nested(JWEAlgorithm.RSA_OAEP_256);
        String[] parts = token.split("\\.");
        String badKey = String.join(".", parts[0], flipFirst(parts[1]), parts[2], parts[3], parts[4]);
        String badTag = String.join(".", parts[0], parts[1], parts[2], parts[3], flipFirst(parts[4]));
        InvalidTokenException padding = assertThrows(InvalidTokenException.class, () -> nestedVerifier().verify(badKey));
        InvalidTokenException tag = assertThrows(InvalidTokenException.class, () -> nestedVerifier().verify(badTag));
        assertEquals("token does not decrypt", padding.getMessage());
        assertEquals(padding.getMessage(), tag.getMessage());
    }

    @Test
    void aTokenForAnotherKeyDoesNotDecrypt() throws Exception {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP_256),
                keys(new DecryptionKey((RSAPrivateKey) OTHER_DECRYPTION.getPrivate(), Optional.empty())));
        assertRefused(verifier, nested(JWEAlgorithm.RSA_OAEP_256), "token does not decrypt");
    }

    @Test
    void theKidSelectsTheDecryptionKey() throws Exception {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP_256), keys(
                new DecryptionKey((RSAPrivateKey) OTHER_DECRYPTION.getPrivate(), Optional.of("old")), key("current")));
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").keyID("current").build(), signed());
        assertEquals("alice", verifier.verify(token).getName());
    }

    @Test
    void aKeyPinnedToRsaOaepDoesNotDecryptRsaOaep256() throws Exception {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP, KeyManagementAlgorithm.RSA_OAEP_256),
                keys(new DecryptionKey((RSAPrivateKey) DECRYPTION.getPrivate(), Optional.empty(),
                        Optional.of(KeyManagementAlgorithm.RSA_OAEP))));
        assertEquals("alice", verifier.verify(nested(JWEAlgorithm.RSA_OAEP)).getName());
        assertRefused(verifier, nested(JWEAlgorithm.RSA_OAEP_256), "the decryption key is pinned to another alg");
    }

    @Test
    void anUnknownKidIsRefusedAmongSeveralKeys() throws Exception {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP_256), keys(
                new DecryptionKey((RSAPrivateKey) OTHER_DECRYPTION.getPrivate(), Optional.of("old")), key("current")));
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").keyID("other").build(), signed());
        assertRefused(verifier, token, "no decryption key matches the token's kid");
    }

    @Test
    void anOverlongEncryptedTokenIsRefusedBeforeDecoding() throws Exception {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP_256).maxTokenLength(256),
                keys(key(null)));
        assertRefused(verifier, "!" + nested(JWEAlgorithm.RSA_OAEP_256), "token is longer than the configured maximum");
    }

    @Test
    void anOverlongTokenIsRefusedForItsLengthBeforeItsPartsAreCounted() {
        TokenVerifier verifier = verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP_256).maxTokenLength(256),
                keys(key(null)));
        assertRefused(verifier, "a".repeat(100_000) + ".b.c", "token is longer than the configured maximum");
    }

    @Test
    void strictTypingAppliesToTheHeaderOfEncryptedClaims() throws Exception {
        // with the decryption key alone, the JWE header is the token's only header (RFC 7519 §5.1, RFC 9068 §4)
        TokenVerifier strict = verifier(settings().encryptedClaimsOnly().requireAccessTokenType()
                .decryption(KeyManagementAlgorithm.RSA_OAEP_256), keys(key(null)));
        assertRefused(strict, jwe(header(JWEAlgorithm.RSA_OAEP_256).build(), claims().json()), "typ must be at+jwt");
        assertRefused(strict, jwe(header(JWEAlgorithm.RSA_OAEP_256).type(new JOSEObjectType("JWT")).build(),
                claims().json()), "typ must be at+jwt");
        assertEquals("alice", strict.verify(jwe(header(JWEAlgorithm.RSA_OAEP_256).type(new JOSEObjectType("at+jwt"))
                .build(), claims().json())).getName());
        assertRefused(claimsVerifier(), jwe(header(JWEAlgorithm.RSA_OAEP_256).type(new JOSEObjectType("logout+jwt"))
                .build(), claims().json()), "typ marks another kind of token");
    }

    // --- attacks on the JWE itself: each is refused for its own reason, or as "does not decrypt" (row 40) ---

    @Test
    void ecdhEsKeyAgreementIsRefused() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM).contentType("JWT")
                .build(), new Payload(signed()));
        jwe.encrypt(new ECDHEncrypter(ec.toECPublicKey()));
        assertRefused(nestedVerifier(), jwe.serialize(), "alg is not an allowed key management algorithm");
    }

    @Test
    void aTagLongerThan128BitsIsRefused() throws Exception {
        String[] parts = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.");
        byte[] longTag = java.util.Arrays.copyOf(java.util.Base64.getUrlDecoder().decode(parts[4]), 17);
        assertRefused(nestedVerifier(), String.join(".", parts[0], parts[1], parts[2], parts[3], TokenForge.b64(longTag)),
                "token's IV or authentication tag has the wrong length for A256GCM");
    }

    @Test
    void tamperingWithAnyAuthenticatedPartGivesTheOneDecryptionFailure() throws Exception {
        String[] parts = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.");
        String sameHeaderReencoded = TokenForge.b64(" " + new String(java.util.Base64.getUrlDecoder().decode(parts[0]),
                StandardCharsets.UTF_8));
        String otherHeader = TokenForge.b64(NESTED_HEADER); // other member order: other AAD
        String spliced = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.")[1]; // another token's content key
        for (String tampered : List.of(
                String.join(".", parts[0], parts[1], parts[2], flipFirst(parts[3]), parts[4]), // ciphertext
                String.join(".", parts[0], parts[1], flipFirst(parts[2]), parts[3], parts[4]), // IV
                String.join(".", sameHeaderReencoded, parts[1], parts[2], parts[3], parts[4]), // AAD, same header values
                String.join(".", otherHeader, parts[1], parts[2], parts[3], parts[4]), // protected header
                String.join(".", parts[0], spliced, parts[2], parts[3], parts[4]))) { // content key of another token
            assertRefused(nestedVerifier(), tampered, "token does not decrypt");
        }
    }

    @Test
    void aHugeHeaderIsRefusedByTheLengthCapBeforeAnythingIsDecoded() throws Exception {
        String hugeHeader = "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"x\":\"" + "a".repeat(20_000) + "\"}";
        String[] parts = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.");
        assertRefused(nestedVerifier(), String.join(".", TokenForge.b64(hugeHeader), parts[1], parts[2], parts[3], parts[4]),
                "token is longer than the configured maximum");
    }

    @Test
    void anyOtherNumberOfPartsIsRefusedAsNotEncrypted() throws Exception {
        String[] parts = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.");
        for (String token : List.of(String.join(".", parts[0], parts[1], parts[2], parts[3]),
                String.join(".", parts[0], parts[1], parts[2], parts[3], parts[4], parts[4]), "....", ".....", "x")) {
            assertRefused(nestedVerifier(), token, token.equals("....") ? "token part is not a JSON object"
                    : "token is not encrypted (JWE), which is required");
        }
        assertRefused(nestedVerifier(), "", "no token");
    }

    @Test
    void eachEmptyPartIsRefusedForWhatIsMissing() throws Exception {
        String[] parts = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.");
        List<String> reasons = List.of("token part is not a JSON object",
                "token's encrypted key has the wrong length for the decryption key",
                "token's IV or authentication tag has the wrong length for A256GCM", "token does not decrypt",
                "token's IV or authentication tag has the wrong length for A256GCM");
        for (int empty = 0; empty < 5; empty++) {
            String[] emptied = parts.clone();
            emptied[empty] = "";
            assertRefused(nestedVerifier(), String.join(".", emptied), reasons.get(empty));
        }
    }

    @Test
    void nonCanonicalBase64UrlIsRefusedInEveryPart() throws Exception {
        String[] parts = nested(JWEAlgorithm.RSA_OAEP_256).split("\\.");
        for (int part = 0; part < 5; part++) {
            String[] padded = parts.clone();
            padded[part] = parts[part] + "=";
            assertRefused(nestedVerifier(), String.join(".", padded), parts[part].length() % 4 == 0
                    ? "token part has an impossible base64url length" : "token contains characters outside base64url");
            String[] standardAlphabet = parts.clone();
            standardAlphabet[part] = "+/" + parts[part].substring(2);
            assertRefused(nestedVerifier(), String.join(".", standardAlphabet), "token contains characters outside base64url");
        }
        // the IV (12 bytes: 16 characters) has no spare bits; the tag (16 bytes: 22 characters) has four
        String[] trailingBits = parts.clone();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        trailingBits[4] = parts[4].substring(0, 21) + alphabet.charAt(alphabet.indexOf(parts[4].charAt(21)) | 1); // same byte
        assertRefused(nestedVerifier(), String.join(".", trailingBits), "token part is not canonical base64url");
    }

    @Test
    void anInnerTokenOfTheWrongTypeOrNotSignedByTheIssuerIsRefused() throws Exception {
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String unsigned = TokenForge.b64(header) + "." + TokenForge.b64(claims().json()) + ".";
        String noneWithSignature = unsigned + "c2ln";
        String otherKey = TokenForge.sign("RS256", TestKeys.RSA_3.getPrivate(), Fixture.rsaHeader("k1"), claims().json());
        String innerJwe = nested(JWEAlgorithm.RSA_OAEP_256);
        assertRefused(nestedVerifier(), jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").build(), unsigned),
                "token is not signed");
        assertRefused(nestedVerifier(), jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").build(), noneWithSignature),
                "alg is not an allowed algorithm");
        assertRefused(nestedVerifier(), jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").build(), otherKey),
                "signature does not verify");
        assertRefused(nestedVerifier(), jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("JWT").build(), innerJwe),
                "encrypted tokens (JWE) are not accepted");
        assertRefused(nestedVerifier(), jwe(header(JWEAlgorithm.RSA_OAEP_256).contentType("json").build(), signed()),
                "encrypted token does not hold a signed JWT (cty JWT)");
    }

    @Test
    void refusalsNameNoPartOfTheTokenItsPlaintextOrTheKey() throws Exception {
        String token = nested(JWEAlgorithm.RSA_OAEP_256);
        String[] parts = token.split("\\.");
        List<String> secrets = List.of(parts[1].substring(0, 12), parts[3].substring(0, 12), signed().substring(40, 60),
                ((RSAPrivateKey) DECRYPTION.getPrivate()).getPrivateExponent().toString().substring(0, 12));
        for (String refused : List.of(String.join(".", parts[0], flipFirst(parts[1]), parts[2], parts[3], parts[4]),
                String.join(".", parts[0], parts[1], parts[2], parts[3], flipFirst(parts[4])),
                jwe(header(JWEAlgorithm.RSA_OAEP_256).build(), signed()))) {
            InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> nestedVerifier().verify(refused));
            for (String secret : secrets) {
                assertFalse(e.getMessage().contains(secret) || e.detail().orElse("").contains(secret), e.getMessage());
            }
        }
    }

    @Test
    void aRepeatedEncryptedTokenIsServedFromTheCache() throws Exception {
        CachingTokenVerifier cache = new CachingTokenVerifier(nestedVerifier(), Fixture.CLOCK,
                new TokenCacheSettings(true, 100, 1 << 20));
        String token = nested(JWEAlgorithm.RSA_OAEP_256);
        CachingTokenVerifier.Verification first = cache.verification(token);
        CachingTokenVerifier.Verification second = cache.verification(token);
        assertFalse(first.repeat());
        assertTrue(second.repeat());
        assertSame(first.token().getName(), second.token().getName());
    }

    @Test
    void aRepeatedEncryptedClaimsTokenIsServedFromTheCache() throws Exception {
        CachingTokenVerifier cache = new CachingTokenVerifier(claimsVerifier(), Fixture.CLOCK,
                new TokenCacheSettings(true, 100, 1 << 20));
        String token = jwe(header(JWEAlgorithm.RSA_OAEP_256).build(), claims().json());
        cache.verification(token);
        assertTrue(cache.verification(token).repeat());
    }

    // --- helpers ---

    private static final String NESTED_HEADER = "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}";

    private static void assertRefused(TokenVerifier verifier, String token, String reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertEquals(reason, e.getMessage());
    }

    private static TokenVerifier nestedVerifier() {
        return verifier(settings().decryption(KeyManagementAlgorithm.RSA_OAEP, KeyManagementAlgorithm.RSA_OAEP_256),
                keys(key(null)));
    }

    private static TokenVerifier claimsVerifier() {
        return verifier(settings().encryptedClaimsOnly().decryption(KeyManagementAlgorithm.RSA_OAEP_256), keys(key(null)));
    }

    private static TokenVerifier verifier(Fixture.Settings settings, List<DecryptionKey> keys) {
        return new TokenVerifier(settings.build(), new TrustedIssuers(Map.of(ISSUER,
                new FixedKeySource(TestKeys.signingKey("k1", TestKeys.RSA_1))), null, keys), Fixture.CLOCK);
    }

    private static List<DecryptionKey> keys(DecryptionKey... keys) {
        return List.of(keys);
    }

    private static DecryptionKey key(String kid) {
        return new DecryptionKey((RSAPrivateKey) DECRYPTION.getPrivate(), Optional.ofNullable(kid));
    }

    private static String signed() {
        return TokenForge.sign("RS256", TestKeys.RSA_1.getPrivate(), Fixture.rsaHeader("k1"), claims().json());
    }

    private static JWEHeader.Builder header(JWEAlgorithm alg) {
        return new JWEHeader.Builder(alg, EncryptionMethod.A256GCM);
    }

    private static String nested(JWEAlgorithm alg) throws Exception {
        return jwe(header(alg).contentType("JWT").build(), signed());
    }

    private static String jwe(JWEHeader header, String payload) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(payload));
        jwe.encrypt(new RSAEncrypter((RSAPublicKey) DECRYPTION.getPublic()));
        return jwe.serialize();
    }

    /** A JWE made with JCA: any header, content key, IV and tag length, RSA-OAEP-256 to the decryption key. */
    private static String handMade(String headerJson, int cekBytes, int ivBytes, int tagBytes) throws Exception {
        byte[] cek = new byte[cekBytes];
        byte[] iv = new byte[ivBytes];
        java.security.SecureRandom random = new java.security.SecureRandom();
        random.nextBytes(cek);
        random.nextBytes(iv);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, DECRYPTION.getPublic(), KeyManagementAlgorithm.RSA_OAEP_256.parameters());
        byte[] encryptedKey = rsa.doFinal(cek);
        String header64 = TokenForge.b64(headerJson);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(tagBytes * 8, iv));
        gcm.updateAAD(header64.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = gcm.doFinal(signed().getBytes(StandardCharsets.US_ASCII));
        byte[] ciphertext = java.util.Arrays.copyOf(sealed, sealed.length - tagBytes);
        byte[] tag = java.util.Arrays.copyOfRange(sealed, sealed.length - tagBytes, sealed.length);
        return String.join(".", header64, TokenForge.b64(encryptedKey), TokenForge.b64(iv), TokenForge.b64(ciphertext),
                TokenForge.b64(tag));
    }

    private static String flipFirst(String part) {
        return (part.charAt(0) == 'A' ? "B" : "A") + part.substring(1);
    }
}
