package dev.tessera.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

class KeyLoaderTest {

    private static final KeyPair RSA = rsa();

    @Test
    void aPemPublicKeyAndAJwkOfTheSameKeyLoadAlike() throws Exception {
        RSAKey fromPem = (RSAKey) KeyLoader.publicKeys(pem("PUBLIC KEY", RSA.getPublic().getEncoded())).get(0);
        RSAKey fromJwk = (RSAKey) KeyLoader.publicKeys(fromPem.toJSONString()).get(0);
        assertThat(fromPem.toPublicKey()).isEqualTo(RSA.getPublic());
        assertThat(fromJwk.toPublicKey()).isEqualTo(RSA.getPublic());
    }

    @Test
    void aPkcs8PemPrivateKeyLoads() throws Exception {
        assertThat(KeyLoader.privateKey(pem("PRIVATE KEY", RSA.getPrivate().getEncoded())).key()).isEqualTo(RSA.getPrivate());
    }

    @Test
    void aPrivateKeyIsNeverTakenForAPublicOneNorEchoed() {
        String body = Base64.getEncoder().encodeToString(RSA.getPrivate().getEncoded());
        assertThatThrownBy(() -> KeyLoader.publicKeys(pem("PRIVATE KEY", RSA.getPrivate().getEncoded())))
                .isInstanceOf(ParseException.class).hasMessageNotContaining(body.substring(0, 40));
        assertThatThrownBy(() -> KeyLoader.privateKey(pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(ParseException.class).hasMessageContaining("PKCS#8");
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
