package dev.tessera.bearer;

import java.util.Arrays;

/**
 * A token in JWS compact serialization (RFC 7515 §7.1), split and strictly base64url-decoded but not yet
 * trusted. Parsing refuses anything that is not exactly {@code header.payload.signature} in canonical
 * base64url, before any JSON is read.
 */
final class CompactJws {

    /** Value of each base64url character (RFC 4648 §5), -1 for every other ASCII character. */
    private static final byte[] BASE64URL = new byte[128];

    static {
        Arrays.fill(BASE64URL, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64URL[alphabet.charAt(i)] = (byte) i;
        }
    }

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
     * Splits and decodes a compact JWS. Cheap refusals come first: length, alphabet, number of parts.
     *
     * @param maxLength longer tokens are refused before anything is decoded (SECURITY.md row 9)
     */
    static CompactJws parse(String token, int maxLength) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        int length = token.length();
        if (length > maxLength) {
            throw new InvalidTokenException("token is longer than the configured maximum");
        }
        byte[] ascii = new byte[length];
        int firstDot = -1;
        int secondDot = -1;
        int dots = 0;
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
                if (dots == 1) {
                    firstDot = i;
                } else if (dots == 2) {
                    secondDot = i;
                }
            } else if (c >= 128 || BASE64URL[c] < 0) {
                // Also refuses '=', '+', '/' and whitespace: base64url without padding only (RFC 7515 §2).
                throw new InvalidTokenException("token contains characters outside base64url");
            }
            ascii[i] = (byte) c;
        }
        if (dots == 4) {
            // Five parts: a JWE (RFC 7516 §7.1). Decryption is never configured, so nothing of it is decoded.
            throw new InvalidTokenException("encrypted tokens (JWE) are not accepted");
        }
        if (dots != 2) {
            throw new InvalidTokenException("token is not a compact JWS (three parts)");
        }
        byte[] header = decode(ascii, 0, firstDot);
        byte[] payload = decode(ascii, firstDot + 1, secondDot);
        byte[] signature = decode(ascii, secondDot + 1, length);
        if (signature.length == 0) {
            throw new InvalidTokenException("token is not signed");
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
     * Decodes canonical unpadded base64url: a length of 1 modulo 4 and non-zero unused trailing bits are
     * refused, so that one byte string has exactly one accepted encoding (SECURITY.md row 11).
     * The characters were checked by the caller.
     */
    private static byte[] decode(byte[] text, int from, int to) throws InvalidTokenException {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1) {
            throw new InvalidTokenException("token part has an impossible base64url length");
        }
        byte[] out = new byte[length / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int o = 0;
        int i = from;
        for (int fullEnd = to - remainder; i < fullEnd; i += 4) {
            int bits = BASE64URL[text[i]] << 18 | BASE64URL[text[i + 1]] << 12
                    | BASE64URL[text[i + 2]] << 6 | BASE64URL[text[i + 3]];
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (remainder == 2) {
            int a = BASE64URL[text[i]];
            int b = BASE64URL[text[i + 1]];
            if ((b & 0x0F) != 0) {
                throw new InvalidTokenException("token part is not canonical base64url");
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (remainder == 3) {
            int a = BASE64URL[text[i]];
            int b = BASE64URL[text[i + 1]];
            int c = BASE64URL[text[i + 2]];
            if ((c & 0x03) != 0) {
                throw new InvalidTokenException("token part is not canonical base64url");
            }
            out[o++] = (byte) (a << 2 | b >> 4);
            out[o] = (byte) (b << 4 | c >> 2);
        }
        return out;
    }
}
