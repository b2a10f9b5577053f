package dev.tessera.bench;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import dev.tessera.bearer.CachingTokenVerifier;
import dev.tessera.bearer.TokenVerifier;
import dev.tessera.bearer.VerifiedToken;
import dev.tessera.config.BearerSettings;
import dev.tessera.jose.KeyManagementAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Signed-then-encrypted tokens ({@code mp.jwt.decrypt.key.location}), one thread: the token of {@link InboundBenchmark}
 * encrypted with RSA-OAEP-256 and A256GCM to a 2048-bit key read from a PEM file, as a deployment reads it.
 * <ul>
 * <li>{@code floorOaepUnwrap}: JCA RSA-OAEP-256 decryption of the encrypted content key only, the private-key
 * operation that dominates a JWE.</li>
 * <li>{@code encryptedNewToken}: {@link TokenVerifier#verify(String)} without a cache: decrypt, then verify the inner
 * token.</li>
 * <li>{@code encryptedRepeatedToken}: the same token through {@link CachingTokenVerifier} with the production cache
 * settings: every call after the first is a hit, with no decryption.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncryptedTokenBenchmark {

    @Param({"RS256", "ES256"})
    public String alg;

    private Path keyFile;
    private String token;
    private TokenVerifier verifier;
    private CachingTokenVerifier productionCache;
    private KeyPair decryption;
    private byte[] encryptedKey;
    private Cipher oaep;

    @Setup
    public void setUp() throws Exception {
        BenchIssuer issuer = BenchIssuer.generate(alg);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        decryption = generator.generateKeyPair();
        keyFile = Files.createTempFile("tessera-bench-decrypt", ".pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(decryption.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        BearerSettings settings = issuer.tesseraSettings(Map.of("mp.jwt.decrypt.key.location", keyFile.toString()));
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("JWT").build(), new Payload(issuer.token(0)));
        jwe.encrypt(new RSAEncrypter((RSAPublicKey) decryption.getPublic()));
        token = jwe.serialize();
        encryptedKey = jwe.getEncryptedKey().decode();
        oaep = Cipher.getInstance(KeyManagementAlgorithm.TRANSFORMATION);
        verifier = issuer.tesseraVerifier(settings);
        productionCache = new CachingTokenVerifier(issuer.tesseraVerifier(settings), BenchIssuer.CLOCK, settings.tokenCache());
        if (encryptedRepeatedToken() != encryptedRepeatedToken()) {
            throw new IllegalStateException("the repeated encrypted " + alg + " token is not served from the cache");
        }
        encryptedNewToken();
    }

    @TearDown
    public void deleteKey() throws Exception {
        Files.deleteIfExists(keyFile);
    }

    @Benchmark
    public byte[] floorOaepUnwrap() throws GeneralSecurityException {
        oaep.init(Cipher.DECRYPT_MODE, decryption.getPrivate(), KeyManagementAlgorithm.RSA_OAEP_256.parameters());
        return oaep.doFinal(encryptedKey);
    }

    @Benchmark
    public VerifiedToken encryptedNewToken() throws Exception {
        return verifier.verify(token);
    }

    @Benchmark
    public VerifiedToken encryptedRepeatedToken() throws Exception {
        return productionCache.verify(token);
    }
}
