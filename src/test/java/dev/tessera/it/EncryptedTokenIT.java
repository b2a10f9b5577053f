package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;

import dev.tessera.testkit.TestIssuer;

/**
 * {@code mp.jwt.decrypt.key.location} on Liberty: the private key is a classpath resource of the WAR, and only
 * signed-then-encrypted tokens of the issuer are accepted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncryptedTokenIT {

    static final TestIssuer ISSUER = TestIssuer.start();
    static final KeyPair DECRYPTION = rsa();

    @Deployment
    static WebArchive deployment() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(DECRYPTION.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        // generous bounds for the first request's discovery and key fetch: on a busy machine the defaults (2 s wait,
        // 3 s read) answered 503 "keys still being fetched" after the token had decrypted
        return Deployments.war("encrypted", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "mp.jwt.decrypt.key.location", "/decrypt.pem",
                "tessera.bearer.jwks.max-wait", "30s",
                "tessera.bearer.http.read-timeout", "30s"))
                .addAsResource(new StringAsset(pem), "decrypt.pem");
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void aSignedThenEncryptedTokenIsAccepted() throws Exception {
        var response = Http.get(base, "api/orders", encrypted(ISSUER.token("alice", "orders-reader")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
    }

    @Test
    void aSignedTokenThatIsNotEncryptedIsRefused() {
        assertThat(Http.get(base, "api/orders", ISSUER.token("alice", "orders-reader")).statusCode()).isEqualTo(401);
    }

    @Test
    void anEncryptedTokenWithATamperedTagIsRefused() throws Exception {
        String token = encrypted(ISSUER.token("alice", "orders-reader"));
        int tag = token.lastIndexOf('.') + 1;
        String tampered = token.substring(0, tag) + (token.charAt(tag) == 'A' ? 'B' : 'A') + token.substring(tag + 1);
        assertThat(Http.get(base, "api/orders", tampered).statusCode()).isEqualTo(401);
    }

    private static String encrypted(String signed) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("JWT").build(), new Payload(signed));
        jwe.encrypt(new RSAEncrypter((RSAPublicKey) DECRYPTION.getPublic()));
        return jwe.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
