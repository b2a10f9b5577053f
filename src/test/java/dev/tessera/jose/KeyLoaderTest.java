package dev.tessera.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.text.ParseException;
import java.util.List;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

class KeyLoaderTest {

    private static final KeyPair RSA = rsa();
    private static final KeyPair OTHER = rsa();

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

    @Test
    void aPrivateJwkOrJwksIsNeverTakenForPublicKeysNorEchoed() throws Exception {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).privateKey(RSA.getPrivate()).keyID("k1").build();
        String secret = jwk.getPrivateExponent().toString().substring(5, 40);
        String jwks = "{\"keys\":[" + jwk.toJSONString() + "]}";
        for (String content : List.of(jwk.toJSONString(), jwks, Base64.getEncoder().encodeToString(utf8(jwk.toJSONString())),
                Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(jwks)))) {
            assertThatThrownBy(() -> KeyLoader.publicKeys(content)).isInstanceOf(ParseException.class)
                    .hasMessageContaining("private key").hasMessageNotContaining(secret);
        }
    }

    @Test
    void aBase64EncodedJwkIsAPublicKey() throws Exception {
        String jwk = new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).keyID("k1").build().toJSONString();
        RSAKey loaded = (RSAKey) KeyLoader.publicKeys(Base64.getEncoder().encodeToString(utf8(jwk))).get(0);
        assertThat(loaded.toPublicKey()).isEqualTo(RSA.getPublic());
        assertThat(loaded.getKeyID()).isEqualTo("k1");
    }

    @Test
    void aBase64UrlEncodedJwksKeepsEveryKeyAndKid() throws Exception {
        String jwks = "{\"keys\":[" + new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).keyID("a").build().toJSONString()
                + "," + new RSAKey.Builder((RSAPublicKey) OTHER.getPublic()).keyID("b").build().toJSONString() + "]}";
        List<JWK> keys = KeyLoader.publicKeys(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(jwks)));
        assertThat(keys).extracting(JWK::getKeyID).containsExactly("a", "b");
    }

    @Test
    void base64DerIsAPublicKey() throws Exception {
        String der = Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded());
        assertThat(((RSAKey) KeyLoader.publicKeys(der).get(0)).toPublicKey()).isEqualTo(RSA.getPublic());
    }

    @Test
    void aPemPrivateKeyIsADecryptionKey() throws Exception {
        List<KeyLoader.DecryptionKey> keys = KeyLoader.decryptionKeys(pem("PRIVATE KEY", RSA.getPrivate().getEncoded()));
        assertThat(keys.get(0).key()).isEqualTo(RSA.getPrivate());
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).kid()).isEmpty();
    }

    @Test
    void aPrivateJwkIsADecryptionKeyWithItsKid() throws Exception {
        String jwk = new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).privateKey(RSA.getPrivate()).keyID("enc-1").build()
                .toJSONString();
        KeyLoader.DecryptionKey key = KeyLoader.decryptionKeys(jwk).get(0);
        assertThat(key.kid()).contains("enc-1");
        assertThat(key.toString()).doesNotContain(jwk.substring(jwk.indexOf("\"d\"") , jwk.indexOf("\"d\"") + 20));
    }

    @Test
    void aPrivateJwksGivesItsEncryptionKeysAndSkipsSigningKeys() throws Exception {
        String jwks = "{\"keys\":[" + new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).privateKey(RSA.getPrivate())
                .keyID("sig").keyUse(KeyUse.SIGNATURE).build().toJSONString() + ","
                + new RSAKey.Builder((RSAPublicKey) OTHER.getPublic()).privateKey(OTHER.getPrivate()).keyID("enc")
                        .keyUse(KeyUse.ENCRYPTION).build().toJSONString() + "]}";
        assertThat(KeyLoader.decryptionKeys(jwks)).extracting(key -> key.kid().orElseThrow()).containsExactly("enc");
    }

    @Test
    void aJwkPinnedToRsaOaepKeepsItsPinAndOneForAnotherAlgIsSkipped() throws Exception {
        String jwks = "{\"keys\":[" + new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).privateKey(RSA.getPrivate())
                .keyID("oaep").algorithm(com.nimbusds.jose.JWEAlgorithm.RSA_OAEP).build().toJSONString() + ","
                + new RSAKey.Builder((RSAPublicKey) OTHER.getPublic()).privateKey(OTHER.getPrivate()).keyID("v15")
                        .algorithm(com.nimbusds.jose.JWEAlgorithm.RSA1_5).build().toJSONString() + "]}";
        List<KeyLoader.DecryptionKey> keys = KeyLoader.decryptionKeys(jwks);
        assertThat(keys).extracting(key -> key.kid().orElseThrow()).containsExactly("oaep");
        assertThat(keys.get(0).algorithm()).contains(KeyManagementAlgorithm.RSA_OAEP);
    }

    @Test
    void aPublicJwkOrASmallRsaKeyIsNoDecryptionKey() throws Exception {
        assertThatThrownBy(() -> KeyLoader.decryptionKeys(new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).build()
                .toJSONString())).isInstanceOf(ParseException.class).hasMessageContaining("no private RSA key");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair small = generator.generateKeyPair();
        assertThatThrownBy(() -> KeyLoader.decryptionKeys(pem("PRIVATE KEY", small.getPrivate().getEncoded())))
                .isInstanceOf(ParseException.class).hasMessageContaining("fewer than 2048 bits");
        assertThatThrownBy(() -> new KeyLoader.DecryptionKey((RSAPrivateKey) small.getPrivate(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer than 2048 bits");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
