package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.testing.Patience;
import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;

class StaticKeySourceTest {

    private static TestIssuer issuer;
    private static RSAKey rsa;
    private final HttpFetcher fetcher = new HttpFetcher(Patience.fetches(16 * 1024));
    private final MutableClock clock = MutableClock.fixed();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.start();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @AfterEach
    void reset() {
        fetcher.close();
        issuer.recover();
        issuer.resetCounts();
    }

    private KeySource fromLocation(String location) {
        return StaticKeySource.fromLocation(location, fetcher, KeyRefreshPolicy.DEFAULT, clock, Runnable::run);
    }

    @Test
    void pemFileKeyServesEveryKid() throws Exception {
        Path file = Files.writeString(dir.resolve("key.pem"), pem("PUBLIC KEY", rsa.toPublicKey().getEncoded()));
        KeySource keys = fromLocation("file:" + file);
        assertThat(keys.candidates(null)).singleElement().satisfies(key -> {
            assertThat(key.publicKey()).isEqualTo(rsa.toPublicKey());
            assertThat(key.kid()).isNull();
            assertThat(key.algorithm()).isEmpty();
        });
        assertThat(keys.candidates("any-kid")).hasSize(1);
        assertThat(keys.isCurrent(keys.candidates(null).get(0))).isTrue();
    }

    @Test
    void plainPathAndFileUriAreFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("key.pem"), pem("PUBLIC KEY", rsa.toPublicKey().getEncoded()));
        assertThat(fromLocation(file.toString()).candidates(null)).hasSize(1);
        assertThat(fromLocation(file.toUri().toString()).candidates(null)).hasSize(1);
    }

    @Test
    void severalPemBlocksIncludingACertificateGiveSeveralKeys() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_384).generate();
        PublicKey ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        String content = pem("PUBLIC KEY", rsa.toPublicKey().getEncoded()) + "\n"
                + pem("PUBLIC KEY", ec.toPublicKey().getEncoded()) + "\n"
                + pem("CERTIFICATE", unsignedCertificate(ed)) + "\n";
        StaticKeySource keys = StaticKeySource.fromContent(content);
        assertThat(keys.candidates(null)).extracting(SigningKey::publicKey)
                .containsExactly(rsa.toPublicKey(), ec.toPublicKey(), ed);
    }

    @Test
    void jwksClasspathResourceIsReadThroughTheContextClassLoader() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/jwks.json"), new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        withContextClassLoader(dir, () -> {
            for (String location : List.of("classpath:keys/jwks.json", "classpath:/keys/jwks.json", "keys/jwks.json")) {
                KeySource keys = fromLocation(location);
                assertThat(keys.candidates("ec-1")).as(location).extracting(SigningKey::kid).containsExactly("ec-1");
                assertThat(keys.candidates("rsa-1")).as(location).extracting(SigningKey::kid).containsExactly("rsa-1");
                assertThat(keys.candidates("unknown")).as(location).isEmpty();
            }
        });
    }

    @Test
    void inlineJwkIsOneKey() throws Exception {
        StaticKeySource keys = StaticKeySource.fromContent(rsa.toPublicJWK().toJSONString());
        assertThat(keys.candidates("rsa-1")).extracting(SigningKey::publicKey).containsExactly(rsa.toPublicKey());
    }

    @Test
    void inlineJwksAndBareBase64AreAccepted() throws Exception {
        assertThat(StaticKeySource.fromContent(new JWKSet(rsa.toPublicJWK()).toString()).candidates(null)).hasSize(1);
        String bare = Base64.getEncoder().encodeToString(rsa.toPublicKey().getEncoded());
        assertThat(StaticKeySource.fromContent(bare).candidates(null)).hasSize(1);
    }

    @Test
    void aBase64UrlEncodedJwksSelectsItsKeyByKid() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        String jwks = new JWKSet(List.of(rsa.toPublicJWK(), other.toPublicJWK())).toString();
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(jwks.getBytes(StandardCharsets.UTF_8));
        assertThat(StaticKeySource.fromContent(encoded).candidates("rsa-2")).extracting(SigningKey::publicKey)
                .containsExactly(other.toPublicKey());
    }

    @Test
    void aBase64EncodedJwkIsOneKey() throws Exception {
        String encoded = Base64.getEncoder().encodeToString(rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
        assertThat(StaticKeySource.fromContent(encoded).candidates("rsa-1")).extracting(SigningKey::publicKey)
                .containsExactly(rsa.toPublicKey());
    }

    @Test
    void aJwksFileWithSeveralKeysSelectsByKid() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        Path file = Files.writeString(dir.resolve("keys.jwks"),
                new JWKSet(List.of(rsa.toPublicJWK(), other.toPublicJWK())).toString());
        assertThat(fromLocation("file:" + file.toAbsolutePath()).candidates("rsa-1")).extracting(SigningKey::publicKey)
                .containsExactly(rsa.toPublicKey());
    }

    @Test
    void unreadableFileIsAnErrorNamingTheKeyLocation() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "this is not a key");
        assertThatThrownBy(() -> fromLocation("file:" + garbage))
                .isInstanceOfSatisfying(KeyOriginException.class, e -> assertThat(e.problems()).singleElement()
                        .extracting(KeyOriginException.Problem::origin).isEqualTo(KeyOriginException.Origin.KEY_LOCATION));
    }

    @Test
    void missingFileAndResourceAreConfigurationErrors() {
        assertThatThrownBy(() -> fromLocation("file:" + dir.resolve("missing.pem")))
                .isInstanceOf(KeyOriginException.class).satisfies(from(KeyOriginException.Origin.KEY_LOCATION));
        assertThatThrownBy(() -> fromLocation("classpath:missing/jwks.json"))
                .isInstanceOf(KeyOriginException.class).satisfies(from(KeyOriginException.Origin.KEY_LOCATION)).hasMessageContaining("not found");
        assertThatThrownBy(() -> fromLocation("missing/jwks.json"))
                .isInstanceOf(KeyOriginException.class).hasMessageContaining("neither a readable file nor a classpath resource");
    }

    @Test
    void weakRsaKeyIsAConfigurationError() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).generate();
        assertThatThrownBy(() -> StaticKeySource.fromContent(pem("PUBLIC KEY", weak.toPublicKey().getEncoded())))
                .isInstanceOf(KeyOriginException.class)
                .satisfies(from(KeyOriginException.Origin.INLINE_KEY))
                .hasMessageContaining("no usable signing key");
    }

    @Test
    void privateKeyPemIsRefusedWithoutEchoingIt() throws Exception {
        byte[] pkcs8 = rsa.toPrivateKey().getEncoded();
        String body = Base64.getEncoder().encodeToString(pkcs8);
        assertThatThrownBy(() -> StaticKeySource.fromContent(pem("PRIVATE KEY", pkcs8)))
                .isInstanceOf(KeyOriginException.class)
                .satisfies(from(KeyOriginException.Origin.INLINE_KEY))
                .hasMessageNotContaining(body.substring(0, 40));
    }

    @Test
    void garbageInlineKeyIsAConfigurationError() {
        assertThatThrownBy(() -> StaticKeySource.fromContent("{not json"))
                .isInstanceOf(KeyOriginException.class).satisfies(from(KeyOriginException.Origin.INLINE_KEY));
        assertThatThrownBy(() -> StaticKeySource.fromContent("%%%"))
                .isInstanceOf(KeyOriginException.class).satisfies(from(KeyOriginException.Origin.INLINE_KEY));
    }

    @Test
    void urlLocationIsFetchedLazilyAsAKeySet() throws Exception {
        KeySource keys = fromLocation(issuer.jwksUri().toString());
        assertThat(keys).isInstanceOf(JwksKeySource.class);
        assertThat(issuer.requestCount("jwks")).isZero();
        String kid = issuer.signingKey().getKeyID();
        assertThat(keys.candidates(kid)).extracting(SigningKey::kid).containsExactly(kid);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void urlLocationMayServePem() throws Exception {
        issuer.jwksBody("application/x-pem-file", pem("PUBLIC KEY", rsa.toPublicKey().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        KeySource keys = fromLocation(issuer.jwksUri().toString());
        assertThat(keys.candidates("whatever")).extracting(SigningKey::publicKey).containsExactly(rsa.toPublicKey());
    }

    @Test
    void insecureUrlAndUnknownSchemesAreConfigurationErrors() {
        assertThatThrownBy(() -> fromLocation("http://keys.example.com/jwks"))
                .isInstanceOf(KeyOriginException.class).satisfies(from(KeyOriginException.Origin.KEY_LOCATION)).hasMessageContaining("https");
        assertThatThrownBy(() -> fromLocation("ftp://keys.example.com/jwks"))
                .isInstanceOf(KeyOriginException.class).hasMessageContaining("unsupported scheme");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void withContextClassLoader(Path root, Action action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A structurally valid X.509 v1 certificate around the key; its signature is zeros (nobody verifies it here). */
    private static byte[] unsignedCertificate(PublicKey key) {
        byte[] algorithm = der(0x30, der(0x06, hex("2b6570"))); // Ed25519
        byte[] name = der(0x30, der(0x31, der(0x30, concat(der(0x06, hex("550403")), der(0x0c, "test".getBytes(StandardCharsets.US_ASCII))))));
        byte[] validity = der(0x30, concat(der(0x17, "250101000000Z".getBytes(StandardCharsets.US_ASCII)),
                der(0x17, "350101000000Z".getBytes(StandardCharsets.US_ASCII))));
        byte[] tbs = der(0x30, concat(der(0x02, new byte[] {1}), algorithm, name, validity, name, key.getEncoded()));
        return der(0x30, concat(tbs, algorithm, der(0x03, new byte[65])));
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 128) {
            out.write(content.length);
        } else {
            out.write(0x82);
            out.write(content.length >> 8);
            out.write(content.length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static java.util.function.Consumer<Throwable> from(KeyOriginException.Origin origin) {
        return e -> assertThat(((KeyOriginException) e).problems()).extracting(KeyOriginException.Problem::origin)
                .containsOnly(origin);
    }
}
