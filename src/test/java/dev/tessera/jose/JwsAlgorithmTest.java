package dev.tessera.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;

class JwsAlgorithmTest {

    @Test
    void parseAcceptsTheAllowListedSpellingOnly() {
        assertThat(JwsAlgorithm.parse("RS256")).contains(JwsAlgorithm.RS256);
        assertThat(JwsAlgorithm.parse("ES512")).contains(JwsAlgorithm.ES512);
        assertThat(JwsAlgorithm.parse("eddsa")).contains(JwsAlgorithm.EdDSA);
        assertThat(JwsAlgorithm.parse("rs256")).isEmpty();
        assertThat(JwsAlgorithm.parse("HS256")).isEmpty();
        assertThat(JwsAlgorithm.parse("none")).isEmpty();
        assertThat(JwsAlgorithm.parse(null)).isEmpty();
    }

    @Test
    void eachAlgorithmAcceptsOnlyKeysOfItsTypeSizeAndCurve() throws Exception {
        PublicKey rsa1024 = generate("RSA", 1024);
        PublicKey rsa2048 = generate("RSA", 2048);
        PublicKey p256 = ec("secp256r1");
        PublicKey p384 = ec("secp384r1");

        assertThat(JwsAlgorithm.RS256.accepts(rsa2048)).isTrue();
        assertThat(JwsAlgorithm.PS512.accepts(rsa1024)).isFalse();
        assertThat(JwsAlgorithm.ES256.accepts(p256)).isTrue();
        assertThat(JwsAlgorithm.ES256.accepts(p384)).isFalse();
        assertThat(JwsAlgorithm.RS256.accepts(p256)).isFalse();
        assertThat(JwsAlgorithm.EdDSA.accepts(rsa2048)).isFalse();
        assertThat(JwsAlgorithm.RS256.minimumRsaBits()).isEqualTo(2048);
        assertThat(JwsAlgorithm.ES384.curve()).contains(NamedCurve.P384);
    }

    private static PublicKey generate(String type, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        generator.initialize(bits);
        return generator.generateKeyPair().getPublic();
    }

    private static PublicKey ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair().getPublic();
    }
}
