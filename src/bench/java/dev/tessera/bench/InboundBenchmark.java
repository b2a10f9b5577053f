package dev.tessera.bench;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tessera.bearer.TokenVerifier;
import dev.tessera.bearer.VerifiedToken;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Inbound token validation, one thread, the same token for every contender of an algorithm.
 * <ul>
 * <li>{@code floor}: raw JCA verification of the token's signature, nothing else: {@code initVerify},
 * {@code update} with the signing input bytes, {@code verify} with the signature bytes, on a
 * {@link Signature} created once. Base64url decoding, JSON and, for ES256, the R || S to DER conversion are
 * done once at setup and not timed.</li>
 * <li>{@code tesseraNewToken}: {@link TokenVerifier#verify(String)}: decoding, header rules, signature, claim
 * rules and group mapping. The verifier has no cache, so every call is a token not seen before.</li>
 * <li>{@code nimbus}, {@code jose4j}: those libraries configured to the same policy.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InboundBenchmark {

    @Param({"RS256", "ES256"})
    public String alg;

    private String token;
    private Signature jca;
    private PublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;
    private TokenVerifier tessera;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private JwtConsumer jose4j;

    @Setup
    public void setUp() throws Exception {
        BenchIssuer issuer = BenchIssuer.generate(alg);
        token = issuer.token(0);
        signingInput = BenchIssuer.signingInput(token);
        signature = issuer.jcaSignature(token);
        publicKey = issuer.keys().getPublic();
        jca = Signature.getInstance(issuer.jcaName());
        tessera = issuer.tesseraVerifier(issuer.tesseraSettings());
        nimbus = issuer.nimbusProcessor();
        jose4j = issuer.jose4jConsumer();

        // every contender must accept the token, or the comparison is meaningless
        if (!floor()) {
            throw new IllegalStateException("the floor does not verify the " + alg + " token");
        }
        if (!tesseraNewToken().getGroups().contains("orders-reader")) {
            throw new IllegalStateException("Tessera maps no groups from the " + alg + " token");
        }
        nimbus();
        jose4j();
    }

    @Benchmark
    public boolean floor() throws GeneralSecurityException {
        jca.initVerify(publicKey);
        jca.update(signingInput);
        return jca.verify(signature);
    }

    @Benchmark
    public VerifiedToken tesseraNewToken() throws Exception {
        return tessera.verify(token);
    }

    @Benchmark
    public JWTClaimsSet nimbus() throws Exception {
        return nimbus.process(token, null);
    }

    @Benchmark
    public JwtClaims jose4j() throws Exception {
        return jose4j.processToClaims(token);
    }
}
