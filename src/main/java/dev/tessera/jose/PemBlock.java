package dev.tessera.jose;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEM block (RFC 7468 §2): its label and its DER bytes. The one PEM parser of Tessera.
 *
 * @param label the label, such as {@code PUBLIC KEY}, {@code CERTIFICATE} or {@code PRIVATE KEY}
 * @param der   the decoded content
 */
public record PemBlock(String label, byte[] der) {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    public PemBlock {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Whether the text holds a PEM block at all. */
    public static boolean isPem(String text) {
        return text.contains("-----BEGIN");
    }

    /**
     * Every complete block of the text, in order.
     *
     * @throws ParseException when there is none, or a block is not valid base64 (the message never holds key material)
     */
    public static List<PemBlock> parseAll(String text) throws ParseException {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            blocks.add(new PemBlock(m.group(1), decodeBase64(m.group(2))));
        }
        if (blocks.isEmpty()) {
            throw new ParseException("no complete PEM block", 0);
        }
        return blocks;
    }

    /** Base64 with any line breaks, as in PEM bodies and bare DER. */
    static byte[] decodeBase64(String text) throws ParseException {
        try {
            return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ParseException("invalid base64", 0);
        }
    }

    @Override
    public String toString() {
        return "PemBlock[" + label + ", " + der.length + " bytes]";
    }
}
