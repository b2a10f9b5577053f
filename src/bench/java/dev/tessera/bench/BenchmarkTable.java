package dev.tessera.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this source set in one JMH run (one fork each, a few minutes on 2 cores) and prints
 * the results as Markdown tables, inbound ones with their ratio to the JCA floor of the same algorithm (over the
 * same distinct tokens for the benchmarks that cycle through many).
 * System properties: {@code bench.include} (a regex of benchmarks to run), {@code bench.quick=true} (very short
 * iterations, for checking that everything runs; the figures are then meaningless), {@code bench.profiler} (a
 * JMH profiler such as {@code gc}, or {@code NAME:OPTIONS}), {@code bench.forks} (JVMs per benchmark, default 1),
 * {@code bench.alg} (only these algorithms, e.g. {@code RS256}).
 */
public final class BenchmarkTable {

    /** Benchmark method names, in table order, with what their rows say. */
    private static final List<Map.Entry<String, String>> ROWS = List.of(
            Map.entry("floor", "floor: JCA signature check only"),
            Map.entry("tesseraNewToken", "Tessera, new token"),
            Map.entry("floorDistinctTokens", "floor over 4,096 distinct tokens"),
            Map.entry("tesseraDistinctTokens", "Tessera, new token, 4,096 distinct tokens"),
            Map.entry("cachingNewToken", "Tessera, new token, 4,096 distinct tokens, through the cache (a miss)"),
            Map.entry("cachingRepeatedToken", "Tessera, repeated token (cache hit)"),
            Map.entry("cachingRepeatedTokenWithoutMetrics", "... the same without OpenTelemetry metrics"),
            Map.entry("floorOaepUnwrap", "floor: JCA RSA-OAEP-256 unwrap of the content key only (2048-bit key)"),
            Map.entry("encryptedNewToken", "Tessera, new signed-then-encrypted token (RSA-OAEP-256, A256GCM)"),
            Map.entry("encryptedRepeatedToken", "Tessera, repeated signed-then-encrypted token (cache hit)"),
            Map.entry("nimbus", "Nimbus DefaultJWTProcessor"),
            Map.entry("jose4j", "jose4j JwtConsumer"),
            Map.entry("cachedToken1Thread", "cached outbound token, 1 thread"),
            Map.entry("cachedToken8Threads", "cached outbound token, 8 threads"));

    /** Benchmarks over many distinct tokens: their ratio is to the floor over the same tokens. */
    private static final List<String> DISTINCT_TOKEN_BENCHMARKS =
            List.of("floorDistinctTokens", "tesseraDistinctTokens", "cachingNewToken");

    private static final List<String> ALGORITHMS = List.of("RS256", "ES256", "");

    private BenchmarkTable() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = Boolean.getBoolean("bench.quick");
        ChainedOptionsBuilder builder = new OptionsBuilder();
        String profiler = System.getProperty("bench.profiler", "");
        if (!profiler.isBlank()) {
            // NAME or NAME:OPTIONS, as JMH's -prof takes it (e.g. stack:lines=3;top=20)
            int colon = profiler.indexOf(':');
            builder.addProfiler(colon < 0 ? profiler : profiler.substring(0, colon),
                    colon < 0 ? "" : profiler.substring(colon + 1));
        }
        String alg = System.getProperty("bench.alg", "");
        if (!alg.isBlank()) {
            builder.param("alg", alg.split(","));
        }
        Options options = builder
                .include(System.getProperty("bench.include", "dev\\.tessera\\.(bench|client)\\."))
                .forks(Integer.getInteger("bench.forks", 1))
                .warmupIterations(quick ? 1 : 6)
                .warmupTime(quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1))
                .measurementIterations(quick ? 1 : 5)
                .measurementTime(quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        results.sort(Comparator.comparing((RunResult r) -> ALGORITHMS.indexOf(param(r, "alg")))
                .thenComparing(BenchmarkTable::row));
        if (results.stream().anyMatch(r -> !param(r, "alg").isEmpty())) {
            System.out.println();
            System.out.print(inboundTable(results));
        }
        if (results.stream().anyMatch(r -> param(r, "alg").isEmpty() && !isStage(r))) {
            System.out.println();
            System.out.print(outboundTable(results));
        }
        if (results.stream().anyMatch(BenchmarkTable::isStage)) {
            System.out.println();
            System.out.print(stagesTable(results));
        }
    }

    private static boolean isStage(RunResult r) {
        return r.getParams().getBenchmark().contains(".StagesBenchmark.");
    }

    private static String stagesTable(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| stage of TokenVerifier.verify, RS256 | ns/op |\n|---|---:|\n");
        for (RunResult r : results) {
            if (isStage(r)) {
                table.append(String.format(Locale.ROOT, "| %s | %s |%n", method(r), scoreText(r.getPrimaryResult())));
            }
        }
        return table.toString();
    }

    private static String inboundTable(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| benchmark | alg | µs/op | × floor |\n|---|---|---:|---:|\n");
        for (RunResult r : results) {
            if (param(r, "alg").isEmpty()) {
                continue;
            }
            Result<?> score = r.getPrimaryResult();
            String floorMethod = DISTINCT_TOKEN_BENCHMARKS.contains(method(r)) ? "floorDistinctTokens" : "floor";
            Double floor = results.stream()
                    .filter(f -> method(f).equals(floorMethod) && param(f, "alg").equals(param(r, "alg")))
                    .map(f -> f.getPrimaryResult().getScore()).findFirst().orElse(null);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", label(r), param(r, "alg"),
                    scoreText(score), floor == null ? "" : ratioText(score.getScore() / floor)));
        }
        return table.toString();
    }

    private static String outboundTable(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| benchmark | ns/op per thread | ops/s, all threads |\n|---|---:|---:|\n");
        for (RunResult r : results) {
            if (!param(r, "alg").isEmpty() || isStage(r)) {
                continue;
            }
            Result<?> score = r.getPrimaryResult();
            // each thread runs for the whole measurement, so the threads together do threads / (s per op) ops/s
            double opsPerSecond = r.getParams().getThreads() * 1e9 / score.getScore();
            table.append(String.format(Locale.ROOT, "| %s | %s | %,.0f |%n", label(r), scoreText(score), opsPerSecond));
        }
        return table.toString();
    }

    /** The score with its 99.9% confidence half-width, to three significant digits for small scores. */
    private static String scoreText(Result<?> score) {
        String format = score.getScore() < 10 ? "%.3f ± %.3f" : "%.1f ± %.1f";
        return String.format(Locale.ROOT, format, score.getScore(), score.getScoreError());
    }

    private static String ratioText(double ratio) {
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.4f" : "%.2f", ratio);
    }

    private static String method(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static int row(RunResult r) {
        for (int i = 0; i < ROWS.size(); i++) {
            if (ROWS.get(i).getKey().equals(method(r))) {
                return i;
            }
        }
        return ROWS.size();
    }

    private static String label(RunResult r) {
        int row = row(r);
        return row < ROWS.size() ? ROWS.get(row).getValue() : method(r);
    }

    private static String param(RunResult r, String name) {
        String value = r.getParams().getParam(name);
        return value == null ? "" : value;
    }
}
