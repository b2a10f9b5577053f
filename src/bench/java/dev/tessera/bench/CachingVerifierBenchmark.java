package dev.tessera.bench;

import dev.tessera.bearer.CachingTokenVerifier;
import dev.tessera.bearer.TokenVerifier;
import dev.tessera.bearer.VerifiedToken;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.TokenCacheSettings;
import dev.tessera.observation.Observer;
import dev.tessera.telemetry.BenchMetrics;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Inbound validation through {@link CachingTokenVerifier}, one thread, tokens like those of
 * {@link InboundBenchmark}.
 * <ul>
 * <li>{@code cachingRepeatedToken}: the same token on every call, with the production cache settings (the
 * defaults of {@code tessera.bearer.token-cache.*}): every call after the first is a hit.</li>
 * <li>{@code cachingNewToken}: another token on every call, cycling through {@value #DISTINCT_TOKENS} tokens
 * signed at setup, with a cache of only {@value #SMALL_CACHE_ENTRIES} entries so that a token has been evicted
 * by the time it comes round again: the full verification plus storing the entry, and the cache's eviction when
 * it is full. Hits are counted (by the identity hash of the object returned, so that the benchmark itself keeps
 * no verified token alive); the run fails if more than 1% of the calls hit.</li>
 * <li>{@code floorDistinctTokens} and {@code tesseraDistinctTokens}: the JCA floor and {@link TokenVerifier}
 * without a cache over the same distinct tokens, so that {@code cachingNewToken} can be compared with work on
 * the same data: cycling through thousands of tokens is slower than repeating one (the tokens and their
 * signing inputs no longer fit the CPU caches), for the floor too.</li>
 * </ul>
 * Both caches report to Tessera's OpenTelemetry metrics on a real SDK ({@link BenchMetrics}), as in a deployment
 * with MicroProfile Telemetry: the rows include what the metrics cost per token, and
 * {@code cachingRepeatedTokenWithoutMetrics} is the hit without them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CachingVerifierBenchmark {

    static final int DISTINCT_TOKENS = 4096;
    static final int SMALL_CACHE_ENTRIES = 16;

    @Param({"RS256", "ES256"})
    public String alg;

    private BenchIssuer issuer;
    private BearerSettings settings;
    private String token;
    private CachingTokenVerifier productionCache;
    private CachingTokenVerifier productionCacheWithoutMetrics;

    @Setup
    public void setUp() throws Exception {
        issuer = BenchIssuer.generate(alg);
        settings = issuer.tesseraSettings();
        token = issuer.token(0);
        productionCache = new CachingTokenVerifier(issuer.tesseraVerifier(settings), BenchIssuer.CLOCK, settings.tokenCache(),
                BenchMetrics.observer());
        productionCacheWithoutMetrics = new CachingTokenVerifier(issuer.tesseraVerifier(settings), BenchIssuer.CLOCK,
                settings.tokenCache(), Observer.NONE);
        if (cachingRepeatedToken() != cachingRepeatedToken()
                || cachingRepeatedTokenWithoutMetrics() != cachingRepeatedTokenWithoutMetrics()) {
            throw new IllegalStateException("the repeated " + alg + " token is not served from the cache");
        }
    }

    @Benchmark
    public VerifiedToken cachingRepeatedToken() throws Exception {
        return productionCache.verify(token);
    }

    /** {@code cachingRepeatedToken} with no observer: the difference is what the metrics cost per hit. */
    @Benchmark
    public VerifiedToken cachingRepeatedTokenWithoutMetrics() throws Exception {
        return productionCacheWithoutMetrics.verify(token);
    }

    @Benchmark
    public VerifiedToken cachingNewToken(DistinctTokens distinct) throws Exception {
        return distinct.verifyNext();
    }

    /** The floor over the same distinct tokens: JCA only, their signing inputs and signatures decoded at setup. */
    @Benchmark
    public boolean floorDistinctTokens(DistinctTokens distinct) throws GeneralSecurityException {
        return distinct.checkNextSignature();
    }

    /** {@link TokenVerifier#verify} (no cache) over the same distinct tokens. */
    @Benchmark
    public VerifiedToken tesseraDistinctTokens(DistinctTokens distinct) throws Exception {
        return distinct.verifyNextWithoutCache();
    }

    /** The distinct tokens, signed only for the benchmark that needs them, and a small cache they miss. */
    @State(Scope.Thread)
    public static class DistinctTokens {

        private String[] tokens;
        private byte[][] signingInputs;
        private byte[][] signatures;
        private PublicKey publicKey;
        private Signature jca;
        private TokenVerifier verifier;
        private int[] previous;
        private CachingTokenVerifier cache;
        private int next;
        private long calls;
        private long hits;

        @Setup(Level.Trial)
        public void sign(CachingVerifierBenchmark benchmark) {
            tokens = new String[DISTINCT_TOKENS];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = benchmark.issuer.token(i + 1);
            }
            previous = new int[DISTINCT_TOKENS];
            verifier = benchmark.issuer.tesseraVerifier(benchmark.settings);
            cache = new CachingTokenVerifier(verifier, BenchIssuer.CLOCK, new TokenCacheSettings(true, SMALL_CACHE_ENTRIES,
                    benchmark.settings.tokenCache().maxBytes()), BenchMetrics.observer());
            signingInputs = new byte[DISTINCT_TOKENS][];
            signatures = new byte[DISTINCT_TOKENS][];
            for (int i = 0; i < tokens.length; i++) {
                signingInputs[i] = BenchIssuer.signingInput(tokens[i]);
                signatures[i] = benchmark.issuer.jcaSignature(tokens[i]);
            }
            publicKey = benchmark.issuer.keys().getPublic();
            try {
                jca = Signature.getInstance(benchmark.issuer.jcaName());
                for (int i = 0; i < tokens.length; i++) {
                    if (!checkNextSignature()) {
                        throw new IllegalStateException("the floor does not verify distinct token " + i);
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean checkNextSignature() throws GeneralSecurityException {
            int i = next;
            next = (i + 1) % DISTINCT_TOKENS;
            jca.initVerify(publicKey);
            jca.update(signingInputs[i]);
            return jca.verify(signatures[i]);
        }

        VerifiedToken verifyNextWithoutCache() throws Exception {
            int i = next;
            next = (i + 1) % DISTINCT_TOKENS;
            return verifier.verify(tokens[i]);
        }

        VerifiedToken verifyNext() throws Exception {
            int i = next;
            next = (i + 1) % DISTINCT_TOKENS;
            VerifiedToken verified = cache.verify(tokens[i]);
            // a hit returns the instance stored when the token last verified; a miss a new one, whose identity
            // hash equals the old one's only by chance (31 bits), and would then count as a hit: conservative
            int identity = System.identityHashCode(verified);
            if (identity == previous[i]) {
                hits++;
            }
            previous[i] = identity;
            calls++;
            return verified;
        }

        @TearDown(Level.Trial)
        public void checkMisses() {
            if (calls == 0) {
                return; // a benchmark over these tokens that does not use the cache
            }
            System.out.printf(Locale.ROOT, "%n%d calls, %.2f%% cache misses%n", calls, 100.0 * (calls - hits) / calls);
            if (hits * 100 > calls) {
                throw new IllegalStateException(hits + " of " + calls + " calls hit the cache: not a new-token benchmark");
            }
        }
    }
}
