package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.tessera.config.FetchPolicy;
import dev.tessera.jose.KeyLoader.DecryptionKey;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

/** The decryption keys of {@code mp.jwt.decrypt.key.location}: every location form, PEM, JWK and JWKS. */
class DecryptionKeysTest {

    private static final FetchPolicy FETCH = Patience.fetches(16 * 1024);

    private static TestIssuer issuer;
    private static RSAKey first;
    private static RSAKey second;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.start();
        first = new RSAKeyGenerator(2048).keyID("enc-1").generate();
        second = new RSAKeyGenerator(2048).keyID("enc-2").generate();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void aPemFileIsReadByPathAndByFileUrl() throws Exception {
        Path file = Files.writeString(dir.resolve("private.pem"), pem(first));
        assertThat(DecryptionKeys.load(file.toString(), FETCH)).extracting(DecryptionKey::key)
                .containsExactly(first.toRSAPrivateKey());
        assertThat(DecryptionKeys.load(file.toUri().toString(), FETCH)).hasSize(1);
    }

    @Test
    void aJwkClasspathResourceKeepsItsKid() throws Exception {
        Files.writeString(dir.resolve("decrypt.jwk"), first.toJSONString());
        List<DecryptionKey> keys = withContextClassLoader(dir, () -> DecryptionKeys.load("classpath:decrypt.jwk", FETCH));
        assertThat(keys).extracting(key -> key.kid().orElseThrow()).containsExactly("enc-1");
    }

    @Test
    void aJwksAtALoopbackUrlGivesEveryKey() throws Exception {
        issuer.jwksBody("application/json", new JWKSet(List.of(first, second)).toString(false)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(DecryptionKeys.load(issuer.jwksUri().toString(), FETCH)).extracting(key -> key.kid().orElseThrow())
                .containsExactly("enc-1", "enc-2");
    }

    @Test
    void aPlainHttpUrlOnAnotherHostIsRefused() {
        assertThatThrownBy(() -> DecryptionKeys.load("http://keys.example.com/private.jwk", FETCH))
                .isInstanceOf(KeyOriginException.class).hasMessageContaining("https");
    }

    @Test
    void aPublicKeyIsNoDecryptionKeyAndIsNotEchoed() throws Exception {
        Path file = Files.writeString(dir.resolve("public.jwk"), first.toPublicJWK().toJSONString());
        assertThatThrownBy(() -> DecryptionKeys.load(file.toString(), FETCH))
                .isInstanceOf(KeyOriginException.class)
                .satisfies(e -> assertThat(((KeyOriginException) e).problems().get(0).origin())
                        .isEqualTo(KeyOriginException.Origin.DECRYPT_KEY_LOCATION))
                .hasMessageContaining("no private RSA key")
                .hasMessageNotContaining(first.getModulus().toString().substring(0, 20));
    }

    @Test
    void aMissingLocationIsNamed() {
        assertThatThrownBy(() -> DecryptionKeys.load("classpath:nowhere.pem", FETCH))
                .isInstanceOf(KeyOriginException.class).hasMessageContaining("nowhere.pem");
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T withContextClassLoader(Path root, Action<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String pem(RSAKey key) throws Exception {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.toRSAPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
