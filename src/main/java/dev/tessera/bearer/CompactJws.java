package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A token in JWS compact serialization (RFC 7515 §7.1), split and strictly base64url-decoded but not yet
 * trusted. Parsing refuses anything that is not exactly {@code header.payload.signature} in canonical
 * base64url, before any JSON is read.
 */
final class CompactJws {

    /** The base64url characters (RFC 4648 §5), each at the index of its value. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final byte[] ascii;
    private final int signingInputLength;
    private final byte[] header;
    private final byte[] payload;
    private final byte[] signature;

    private CompactJws(byte[] ascii, int signingInputLength, byte[] header, byte[] payload, byte[] signature) {
        this.ascii = ascii;
        this.signingInputLength = signingInputLength;
        this.header = header;
        this.payload = payload;
        this.signature = signature;
    }

    /**
     * Splits and decodes a compact JWS. Cheap refusals come first: length, number of parts, then the alphabet
     * while decoding.
     *
     * @param maxLength longer tokens are refused before anything is decoded (threat model row 9)
     */
    static CompactJws parse(String token, int maxLength) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException(Refusal.MALFORMED, "no token");
        }
        int length = token.length();
        if (length > maxLength) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token is longer than the configured maximum");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token is not a compact JWS (three parts)");
        }
        if (token.indexOf('.', secondDot + 1) >= 0) {
            if (token.chars().filter(c -> c == '.').count() == 4) {
                // Five parts: a JWE (RFC 7516 §7.1). Decryption is never configured, so nothing of it is decoded.
                throw new InvalidTokenException(Refusal.HEADER, "encrypted tokens (JWE) are not accepted");
            }
            throw new InvalidTokenException(Refusal.MALFORMED, "token is not a compact JWS (three parts)");
        }
        // One copy; characters above U+00FF become '?', which decoding refuses like any non-base64url byte.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] header = decode(ascii, 0, firstDot);
        byte[] payload = decode(ascii, firstDot + 1, secondDot);
        byte[] signature = decode(ascii, secondDot + 1, length);
        if (signature.length == 0) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token is not signed");
        }
        return new CompactJws(ascii, secondDot, header, payload, signature);
    }

    /** The decoded protected header (UTF-8 JSON, untrusted). */
    byte[] header() {
        return header;
    }

    /** The decoded payload (UTF-8 JSON, untrusted until the signature is verified). */
    byte[] payload() {
        return payload;
    }

    /** The decoded signature. */
    byte[] signature() {
        return signature;
    }

    /** The ASCII bytes of the token; the first {@link #signingInputLength()} of them are the JWS signing input. */
    byte[] ascii() {
        return ascii;
    }

    /** Length of {@code BASE64URL(header) '.' BASE64URL(payload)} as received (RFC 7515 §5.2 step 8). */
    int signingInputLength() {
        return signingInputLength;
    }

    /**
     * Decodes canonical unpadded base64url: characters outside the URL-safe alphabet (also '=', '+', '/',
     * whitespace; RFC 7515 §2), a length of 1 modulo 4 and non-zero unused trailing bits are refused, so that
     * one byte string has exactly one accepted encoding (threat model row 11). The JDK's URL-safe decoder does the
     * decoding (on x86 with AVX-512 an intrinsic, two to three times as fast as a loop of ours); it refuses
     * every character outside the alphabet itself, so only its two leniencies are checked here: padding, and set
     * bits left unused by the last character.
     */
    static byte[] decode(byte[] text, int from, int to) throws InvalidTokenException {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part has an impossible base64url length");
        }
        if (length > 0 && text[to - 1] == '=') { // the JDK accepts '=' only as padding at the end
            throw notBase64Url();
        }
        ByteBuffer decoded;
        try {
            decoded = BASE64URL.decode(ByteBuffer.wrap(text, from, length));
        } catch (IllegalArgumentException e) {
            throw notBase64Url();
        }
        // 2 characters carry 12 bits for 1 byte, 3 carry 18 for 2: the last character's low 4 or 2 bits are unused
        if (remainder != 0 && (ALPHABET.indexOf(text[to - 1]) & (remainder == 2 ? 0x0F : 0x03)) != 0) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token part is not canonical base64url");
        }
        byte[] bytes = decoded.array(); // without padding exactly the decoded bytes; copied should that ever change
        return bytes.length == decoded.limit() ? bytes : Arrays.copyOf(bytes, decoded.limit());
    }

    private static InvalidTokenException notBase64Url() {
        return new InvalidTokenException(Refusal.MALFORMED, "token contains characters outside base64url");
    }
}
