package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import dev.tessera.jose.KeyLoader.DecryptionKey;
import dev.tessera.jose.KeyManagementAlgorithm;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts compact JWEs (RFC 7516 §5.2) with the JDK's JCA: RSA-OAEP or RSA-OAEP-256 for the content key
 * (RFC 7518 §4.3), A256GCM for the content (RFC 7518 §5.3); every other {@code alg} and {@code enc} is refused before
 * any key is touched (threat model rows 8 and 38). The header is read with the one strict JSON reader. A failure to
 * unwrap the content key and a failure of the GCM tag give the same answer (RFC 7516 §11.5, threat model row 40).
 * Thread-safe.
 */
final class TokenDecrypter {

    /** The one content encryption accepted. */
    private static final String CONTENT_ENCRYPTION = "A256GCM";

    private static final int CEK_BYTES = 32;
    /** RFC 7518 §5.3: a 96-bit IV and a 128-bit authentication tag. */
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;

    private final Map<String, KeyManagementAlgorithm> allowed;
    private final List<DecryptionKey> keys;
    private final StrictJsonReader json;
    private final SecureRandom random = new SecureRandom();
    /** JCA Cipher objects are not thread-safe: one of each per thread, initialised per token. */
    private final ThreadLocal<Cipher> oaep = ThreadLocal.withInitial(() -> cipher(KeyManagementAlgorithm.TRANSFORMATION));
    private final ThreadLocal<Cipher> gcm = ThreadLocal.withInitial(() -> cipher("AES/GCM/NoPadding"));

    /**
     * @param algorithms the accepted key management algorithms
     * @param keys       the private keys, at least one
     * @throws IllegalStateException when this JVM lacks RSA-OAEP or AES-GCM
     */
    TokenDecrypter(Set<KeyManagementAlgorithm> algorithms, List<DecryptionKey> keys, StrictJsonReader json) {
        Map<String, KeyManagementAlgorithm> byName = new HashMap<>();
        algorithms.forEach(algorithm -> byName.put(algorithm.headerName(), algorithm));
        this.allowed = Map.copyOf(byName);
        this.keys = List.copyOf(keys);
        this.json = json;
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one decryption key is required");
        }
        oaep.get();
        gcm.get();
    }

    /**
     * The plaintext and the {@code cty} of a JWE.
     *
     * @throws InvalidTokenException for a refused header or any decryption failure, without saying which step failed
     */
    Decrypted decrypt(CompactJwe jwe) throws InvalidTokenException {
        JsonObject header = json.readObject(jwe.header());
        KeyManagementAlgorithm algorithm = header.get("alg") instanceof JsonString alg ? allowed.get(alg.getString()) : null;
        if (algorithm == null) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "alg is not an allowed key management algorithm");
        }
        if (!(header.get("enc") instanceof JsonString enc) || !CONTENT_ENCRYPTION.equals(enc.getString())) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "enc is not " + CONTENT_ENCRYPTION);
        }
        if (header.containsKey("crit")) {
            // RFC 7516 §4.1.13 (as RFC 7515 §4.1.11): we understand no extension
            throw new InvalidTokenException(Refusal.DECRYPTION, "crit header names extensions that are not supported");
        }
        if (header.containsKey("zip")) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "compressed tokens are not accepted");
        }
        Optional<String> contentType = TokenClaims.string(header, "cty");
        DecryptionKey key = keyFor(TokenClaims.string(header, "kid"));
        if (!key.allows(algorithm)) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "the decryption key is pinned to another alg");
        }
        if (jwe.iv().length != IV_BYTES || jwe.tag().length != TAG_BYTES) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "token's IV or authentication tag has the wrong length for " + CONTENT_ENCRYPTION);
        }
        if (jwe.encryptedKey().length != key.modulusBytes()) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "token's encrypted key has the wrong length for the decryption key");
        }
        byte[] cek = contentKey(algorithm, key, jwe.encryptedKey());
        try {
            Cipher cipher = gcm.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BYTES * 8, jwe.iv()));
            cipher.updateAAD(jwe.ascii(), 0, jwe.headerLength());
            cipher.update(jwe.ciphertext());
            return new Decrypted(cipher.doFinal(jwe.tag()), contentType, header.get("typ"));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "token does not decrypt");
        }
    }

    /**
     * RFC 7516 §11.5: whatever goes wrong while unwrapping (padding, length), continue with a random key, so that the
     * only observable failure is the tag's.
     */
    private byte[] contentKey(KeyManagementAlgorithm algorithm, DecryptionKey key, byte[] encryptedKey) {
        byte[] cek = null;
        try {
            Cipher cipher = oaep.get();
            cipher.init(Cipher.DECRYPT_MODE, key.key(), algorithm.parameters());
            cek = cipher.doFinal(encryptedKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            // fall through to a random key
        }
        if (cek == null || cek.length != CEK_BYTES) {
            cek = new byte[CEK_BYTES];
            random.nextBytes(cek);
        }
        return cek;
    }

    /** The key named by {@code kid}; without {@code kid}, the only key (several keys without kid: refused). */
    private DecryptionKey keyFor(Optional<String> kid) throws InvalidTokenException {
        if (kid.isEmpty()) {
            if (keys.size() == 1) {
                return keys.get(0);
            }
            throw new InvalidTokenException(Refusal.DECRYPTION, "token does not name one of the decryption keys (kid)");
        }
        DecryptionKey withoutKid = null;
        int keysWithoutKid = 0;
        for (DecryptionKey key : keys) {
            if (key.kid().equals(kid)) {
                return key;
            }
            if (key.kid().isEmpty()) {
                withoutKid = key;
                keysWithoutKid++;
            }
        }
        // a PEM key has no kid and decrypts tokens that carry one
        if (keysWithoutKid == 1) {
            return withoutKid;
        }
        throw new InvalidTokenException(Refusal.DECRYPTION, "no decryption key matches the token's kid");
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot decrypt tokens (" + transformation + ")", e);
        }
    }

    /**
     * A decrypted JWE.
     *
     * @param plaintext   the content: a claims set, or a nested JWT
     * @param contentType the {@code cty} header, if present
     * @param type        the {@code typ} header as read, {@code null} when absent
     */
    record Decrypted(byte[] plaintext, Optional<String> contentType, JsonValue type) {

        /** RFC 7519 §5.2: {@code cty: JWT} marks a nested JWT (compared case-insensitively, RFC 7516 §4.1.12). */
        boolean isNestedJwt() {
            return contentType.filter(cty -> cty.equalsIgnoreCase("JWT")).isPresent();
        }
    }
}
