package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.nio.charset.StandardCharsets;

/**
 * A token in JWE compact serialization (RFC 7516 §7.1), split and strictly base64url-decoded but not yet
 * decrypted: exactly {@code header.encryptedKey.iv.ciphertext.tag}, each part canonical base64url (threat model row 11).
 */
final class CompactJwe {

    private final byte[] ascii;
    private final int headerLength;
    private final byte[] header;
    private final byte[] encryptedKey;
    private final byte[] iv;
    private final byte[] ciphertext;
    private final byte[] tag;

    private CompactJwe(byte[] ascii, int headerLength, byte[][] parts) {
        this.ascii = ascii;
        this.headerLength = headerLength;
        this.header = parts[0];
        this.encryptedKey = parts[1];
        this.iv = parts[2];
        this.ciphertext = parts[3];
        this.tag = parts[4];
    }

    /** Whether the token has the five parts of a compact JWE (four dots); cheap, decodes nothing. */
    private static boolean hasFiveParts(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots == 4;
    }

    /**
     * Splits and decodes a compact JWE; anything else, a JWS included, is refused.
     *
     * @param maxLength longer tokens are refused before anything is decoded (threat model row 9)
     */
    static CompactJwe parse(String token, int maxLength) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException(Refusal.MALFORMED, "no token");
        }
        if (token.length() > maxLength) {
            throw new InvalidTokenException(Refusal.MALFORMED, "token is longer than the configured maximum");
        }
        if (!hasFiveParts(token)) {
            // MicroProfile JWT 2.1 §9.3: with a decryption key, only encrypted tokens are accepted
            throw new InvalidTokenException(Refusal.MALFORMED, "token is not encrypted (JWE), which is required");
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[][] parts = new byte[5][];
        int from = 0;
        int headerLength = 0;
        for (int part = 0; part < 5; part++) {
            int to = part < 4 ? token.indexOf('.', from) : token.length();
            if (part == 0) {
                headerLength = to;
            }
            parts[part] = CompactJws.decode(ascii, from, to);
            from = to + 1;
        }
        return new CompactJwe(ascii, headerLength, parts);
    }

    /** The decoded protected header (UTF-8 JSON, untrusted). */
    byte[] header() {
        return header;
    }

    /** RFC 7516 §5.2 step 14: the additional authenticated data is ASCII(BASE64URL(header)) as received. */
    byte[] ascii() {
        return ascii;
    }

    /** Length of the encoded header at the start of {@link #ascii()}. */
    int headerLength() {
        return headerLength;
    }

    byte[] encryptedKey() {
        return encryptedKey;
    }

    byte[] iv() {
        return iv;
    }

    byte[] ciphertext() {
        return ciphertext;
    }

    byte[] tag() {
        return tag;
    }
}
