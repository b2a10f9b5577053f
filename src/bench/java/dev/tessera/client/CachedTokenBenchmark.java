package dev.tessera.client;

import dev.tessera.config.RetryPolicy;
import dev.tessera.config.TokenCachePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * An outbound token that is already cached and far from expiry, from one {@link CachingTokenSource} shared by
 * all benchmark threads, with the production clock ({@link Clock#systemUTC()}) and cache policy. This is the
 * path every outgoing request of a {@code @ClientCredentials} client takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedTokenBenchmark {

    private final AtomicInteger requests = new AtomicInteger();
    private CachingTokenSource source;

    @Setup(Level.Trial)
    public void cacheOneToken() {
        AccessToken token = AccessToken.bearer("not-a-real-token", Instant.now().plus(Duration.ofDays(1)), Set.of("orders.read"));
        source = new CachingTokenSource("bench", () -> {
            requests.incrementAndGet();
            return token;
        }, TokenCachePolicy.DEFAULT, new TokenBackoff(RetryPolicy.DEFAULT, () -> 0), Clock.systemUTC(), Runnable::run);
        source.token();
    }

    @TearDown(Level.Trial)
    public void checkOnlyTheCachedPathRan() {
        if (requests.get() != 1) {
            throw new IllegalStateException("the benchmark requested " + requests.get() + " tokens instead of one");
        }
    }

    @Benchmark
    @Threads(1)
    public AccessToken cachedToken1Thread() {
        return source.token();
    }

    @Benchmark
    @Threads(8)
    public AccessToken cachedToken8Threads() {
        return source.token();
    }
}
