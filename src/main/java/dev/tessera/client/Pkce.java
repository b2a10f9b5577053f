package dev.tessera.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636) with the {@code S256} method only: {@code plain} would send the verifier itself. */
final class Pkce {

    /** The only method Tessera sends (RFC 7636 §4.2); {@code plain} is never used (RFC 9700 §2.1.1). */
    static final String METHOD = "S256";
    // RFC 7636 §4.1: code-verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int ENTROPY_BYTES = 32;

    private Pkce() {
    }

    /** A new verifier: 32 random octets, base64url without padding, so 43 characters (RFC 7636 §4.1). */
    static String newVerifier(SecureRandom random) {
        byte[] octets = new byte[ENTROPY_BYTES];
        random.nextBytes(octets);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(octets);
    }

    /** Whether {@code text} is a verifier RFC 7636 §4.1 allows. */
    static boolean isVerifier(String text) {
        return text != null && VERIFIER.matcher(text).matches();
    }

    /** {@code BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))} (RFC 7636 §4.2). */
    static String challenge(String verifier) {
        if (!isVerifier(verifier)) {
            throw new IllegalArgumentException("not an RFC 7636 code verifier");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
