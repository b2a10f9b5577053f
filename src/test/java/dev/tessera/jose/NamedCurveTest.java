package dev.tessera.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NamedCurveTest {

    private static final KeyPair EC_P256 = generate("secp256r1");
    private static final KeyPair EC_P384 = generate("secp384r1");
    private static final KeyPair EC_P521 = generate("secp521r1");

    @ParameterizedTest(name = "{0}: R || S transcodes to exactly the DER that JCA produces")
    @EnumSource(NamedCurve.class)
    void transcodesToTheSameDerAsJca(NamedCurve curve) throws Exception {
        KeyPair pair = pairFor(curve);
        // Bounded: 40 signatures cover leading zero bytes and high bits in r and s, and P-521's long-form length.
        for (int i = 0; i < 40; i++) {
            byte[] input = ("input " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] der = sign("SHA256withECDSA", pair, input);

            byte[] transcoded = curve.toDer(concatenatedFromDer(der, size(curve)));

            assertThat(transcoded).isEqualTo(der);
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(pair.getPublic());
            verify.update(input);
            assertThat(verify.verify(transcoded)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}: zero, n, and values above n are refused before JCA")
    @EnumSource(NamedCurve.class)
    void outOfRangeValuesAreRefused(NamedCurve curve) {
        KeyPair pair = pairFor(curve);
        BigInteger n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
        int size = size(curve);
        byte[] one = fixed(BigInteger.ONE, size);
        byte[] order = fixed(n, size);
        byte[] orderMinusOne = fixed(n.subtract(BigInteger.ONE), size);
        byte[] max = new byte[size];
        Arrays.fill(max, (byte) 0xFF);

        assertThat(curve.toDer(new byte[2 * size])).isNull();
        assertThat(curve.toDer(concat(order, order))).isNull();
        assertThat(curve.toDer(concat(one, order))).isNull();
        assertThat(curve.toDer(concat(order, one))).isNull();
        assertThat(curve.toDer(concat(new byte[size], one))).isNull();
        assertThat(curve.toDer(concat(one, new byte[size]))).isNull();
        assertThat(curve.toDer(concat(max, one))).isNull();
        assertThat(curve.toDer(concat(orderMinusOne, orderMinusOne))).isNotNull();
        assertThat(curve.toDer(concat(one, one))).isNotNull();
    }

    @ParameterizedTest(name = "{0}: a signature of the wrong length is refused")
    @EnumSource(NamedCurve.class)
    void wrongLengthIsRefused(NamedCurve curve) {
        int size = size(curve);
        byte[] ones = new byte[2 * size + 1];
        Arrays.fill(ones, (byte) 1);

        assertThat(curve.toDer(Arrays.copyOf(ones, 2 * size - 1))).isNull();
        assertThat(curve.toDer(ones)).isNull();
        assertThat(curve.toDer(new byte[0])).isNull();
    }

    @Test
    void keysMatchOnlyTheirOwnCurve() {
        ECPublicKey p256 = (ECPublicKey) EC_P256.getPublic();
        ECPublicKey p384 = (ECPublicKey) EC_P384.getPublic();

        assertThat(NamedCurve.P256.matches(p256.getParams())).isTrue();
        assertThat(NamedCurve.P384.matches(p256.getParams())).isFalse();
        assertThat(NamedCurve.P256.matches(p384.getParams())).isFalse();
        assertThat(NamedCurve.P256.matches(null)).isFalse();
    }

    private static KeyPair pairFor(NamedCurve curve) {
        return switch (curve) {
            case P256 -> EC_P256;
            case P384 -> EC_P384;
            case P521 -> EC_P521;
        };
    }

    private static int size(NamedCurve curve) {
        return switch (curve) {
            case P256 -> 32;
            case P384 -> 48;
            case P521 -> 66;
        };
    }

    private static byte[] sign(String algorithm, KeyPair pair, byte[] input) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(pair.getPrivate());
        signature.update(input);
        return signature.sign();
    }

    /** Test-side inverse of the transcoding: DER SEQUENCE {r, s} to fixed-length R || S. */
    private static byte[] concatenatedFromDer(byte[] der, int size) {
        int at = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[at + 1];
        BigInteger r = new BigInteger(Arrays.copyOfRange(der, at + 2, at + 2 + rLength));
        at += 2 + rLength;
        int sLength = der[at + 1];
        BigInteger s = new BigInteger(Arrays.copyOfRange(der, at + 2, at + 2 + sLength));
        return concat(fixed(r, size), fixed(s, size));
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static KeyPair generate(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
