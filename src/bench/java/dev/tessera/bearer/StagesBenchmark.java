package dev.tessera.bearer;

import dev.tessera.bench.BenchIssuer;
import dev.tessera.config.BearerSettings;
import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.SigningKey;
import dev.tessera.issuer.TrustedIssuers;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The stages of {@link TokenVerifier#verify} apart from the signature, one RS256 token of {@link BenchIssuer}: where
 * the time beyond the signature check goes. In this package to reach the package-private stages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StagesBenchmark {

    private String token;
    private CompactJws jws;
    private StrictJsonReader json;
    private JsonObject claims;
    private TokenClaims tokenClaims;
    private ClaimRules claimRules;
    private GroupMapping groupMapping;
    private Set<String> claimsReadNow;
    private Instant now;
    private JwsHeader header;
    private KeySource keys;
    private SignatureVerifier signatures;
    private java.security.Signature jca;
    private java.security.PublicKey publicKey;
    private byte[] signingInput;
    private byte[] jcaSignature;
    private TokenVerifier verifier;

    @Setup
    public void setUp() throws Exception {
        BenchIssuer issuer = BenchIssuer.generate("RS256");
        BearerSettings settings = issuer.tesseraSettings();
        token = issuer.token(0);
        jws = CompactJws.parse(token, settings.rules().maxTokenLength());
        json = new StrictJsonReader(JsonProvider.provider());
        claims = json.readObject(jws.payload());
        tokenClaims = TokenClaims.read(claims);
        claimRules = ClaimRules.from(settings, java.util.List.of());
        groupMapping = new GroupMapping(settings.rules().rolesClaims());
        claimsReadNow = TokenVerifier.claimsReadNow(groupMapping);
        now = BenchIssuer.CLOCK.instant();
        header = new HeaderPolicy(settings.rules().algorithms(), settings.rules().requireAccessTokenType()).check(json.readObject(jws.header()));
        keys = TrustedIssuers.from(settings, BenchIssuer.CLOCK).keysFor(claims.getString("iss")).orElseThrow();
        signatures = new SignatureVerifier(dev.tessera.jose.JwsAlgorithm.MIN_RSA_BITS);
        signingInput = BenchIssuer.signingInput(token);
        jcaSignature = issuer.jcaSignature(token);
        jca = java.security.Signature.getInstance(issuer.jcaName());
        publicKey = keys.candidates(header.kid()).get(0).publicKey();
        verifier = new TokenVerifier(settings, TrustedIssuers.from(settings, BenchIssuer.CLOCK), BenchIssuer.CLOCK);
    }

    /** The floor, as InboundBenchmark measures it. */
    @Benchmark
    public boolean floor() throws Exception {
        jca.initVerify(publicKey);
        jca.update(signingInput);
        return jca.verify(jcaSignature);
    }

    /** Key selection and the signature, as TokenVerifier does them. */
    @Benchmark
    public SigningKey signature() throws Exception {
        return signatures.verify(jws, header, keys);
    }

    /** All of it. */
    @Benchmark
    public VerifiedToken verify() throws Exception {
        return verifier.verify(token);
    }

    @Benchmark
    public CompactJws splitAndDecode() throws Exception {
        return CompactJws.parse(token, Integer.MAX_VALUE);
    }

    @Benchmark
    public JsonObject parseHeader() throws Exception {
        return json.readObject(jws.header());
    }

    @Benchmark
    public JsonObject parseClaims() throws Exception {
        return json.readObject(jws.payload());
    }

    /** The claims as verification reads them: streamed, only the claims it reads made values. */
    @Benchmark
    public JsonObject streamClaims() throws Exception {
        return json.readClaims(jws.payload(), claimsReadNow);
    }

    @Benchmark
    public TokenClaims readClaims() throws Exception {
        return TokenClaims.read(claims);
    }

    @Benchmark
    public Instant claimRules() throws Exception {
        claimRules.check(tokenClaims, now);
        return now;
    }

    @Benchmark
    public Set<String> groups() {
        return groupMapping.groupsOf(tokenClaims);
    }

    /**
     * What follows the signature check, from the decoded payload: claims parsed, read, checked and mapped to groups,
     * and the verified token made.
     */
    @Benchmark
    public VerifiedToken claimsToVerifiedToken() throws Exception {
        TokenClaims fresh = TokenClaims.read(json.readClaims(jws.payload(), claimsReadNow));
        claimRules.check(fresh, now);
        return new VerifiedToken(token, fresh, groupMapping.groupsOf(fresh));
    }
}
