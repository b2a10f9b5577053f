package dev.tessera.bearer;

import dev.tessera.bench.BenchIssuer;
import dev.tessera.config.BearerSettings;
import dev.tessera.issuer.TrustedIssuers;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The RS256 new-token path against the signature check alone, in <em>thread CPU time</em>, the contenders interleaved
 * in one JVM: on a shared machine, where other processes take the cores, JMH's wall-clock figures move by tens of
 * percent, while the CPU time a thread spends on one call moves far less. Not JMH and not part of the build; run it
 * after {@code mvn -o -Pbench test-compile}:
 *
 * <pre>
 * java -cp target/bench/test-classes:target/bench/classes:$(cat cp.txt) dev.tessera.bearer.CpuTimeRace [rounds]
 * </pre>
 *
 * (with {@code cp.txt} from {@code mvn -o -Pbench dependency:build-classpath -Dmdep.outputFile=cp.txt}). With
 * {@code -Dbaseline=DIR:DIR} (the {@code classes} and {@code test-classes} of another build of Tessera, this class
 * included) the same contenders of that build run beside these, each in its own class loader, so that a change
 * is measured against the code before it in the same JVM and the same minutes.
 *
 * <p>After a warm-up of about 2 s of CPU time each, each round runs every contender for about 25 ms of CPU time, in an
 * order that rotates from round to round (41 rounds unless the first argument says otherwise). It prints, per
 * contender, the median over the rounds of the CPU time per call, of its ratio to the floor of the same round (with
 * the lowest and highest round) and of its difference to that floor, and the heap bytes it allocates per call (last
 * round; the same in every round, as JMH's {@code gc} profiler counts them). {@code -Dstages=true} adds the stages of a
 * verification apart from the signature, each timed alone.
 */
public final class CpuTimeRace {

    /** HotSpot's: it also counts the bytes a thread allocates. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long ROUND_NANOS = 25_000_000L;
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private CpuTimeRace() {
    }

    /**
     * The contenders of this build on one new RS256 token of {@link BenchIssuer}: the floor (JCA verify only), the
     * whole {@link TokenVerifier#verify}, and with {@code stages} its stages apart from the signature. Public so
     * that a baseline build's copy of this class can be asked for its own.
     */
    public static Map<String, Callable<Object>> contenders(boolean stages) throws Exception {
        BenchIssuer issuer = BenchIssuer.generate("RS256");
        BearerSettings settings = issuer.tesseraSettings();
        String token = issuer.token(0);
        byte[] signingInput = BenchIssuer.signingInput(token);
        byte[] signature = issuer.jcaSignature(token);
        Signature jca = Signature.getInstance(issuer.jcaName());
        TokenVerifier verifier = issuer.tesseraVerifier(settings);
        CompactJws jws = CompactJws.parse(token, settings.rules().maxTokenLength());
        StrictJsonReader json = new StrictJsonReader(JsonProvider.provider());
        GroupMapping groups = new GroupMapping(settings.rules().rolesClaims());
        Set<String> readNow = TokenVerifier.claimsReadNow(groups);
        JsonObject claims = json.readClaims(jws.payload(), readNow);
        TokenClaims tokenClaims = TokenClaims.read(claims);
        PublicKey publicKey = TrustedIssuers.from(settings, BenchIssuer.CLOCK).keysFor(tokenClaims.issuer().orElseThrow())
                .orElseThrow().candidates(json.readObject(jws.header()).getString("kid")).get(0).publicKey();

        Map<String, Callable<Object>> contenders = new LinkedHashMap<>();
        contenders.put("floor", () -> {
            jca.initVerify(publicKey);
            jca.update(signingInput);
            return jca.verify(signature);
        });
        contenders.put("tessera", () -> verifier.verify(token));
        if (stages) {
            addStages(contenders, token, jws, json, readNow, claims, tokenClaims, groups);
        }
        for (Map.Entry<String, Callable<Object>> contender : contenders.entrySet()) {
            if (contender.getValue().call() == Boolean.FALSE) {
                throw new IllegalStateException(contender.getKey() + " refuses the token");
            }
        }
        return contenders;
    }

    private static void addStages(Map<String, Callable<Object>> contenders, String token, CompactJws jws,
            StrictJsonReader json, Set<String> readNow, JsonObject claims, TokenClaims tokenClaims, GroupMapping groups) {
        contenders.put("stage: CompactJws.parse", () -> CompactJws.parse(token, Integer.MAX_VALUE));
        contenders.put("stage: header", () -> json.readObject(jws.header()));
        contenders.put("stage: readClaims", () -> json.readClaims(jws.payload(), readNow));
        contenders.put("stage: TokenClaims.read", () -> TokenClaims.read(claims));
        contenders.put("stage: groups", () -> groups.groupsOf(tokenClaims));
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        boolean stages = Boolean.getBoolean("stages");
        Map<String, Callable<Object>> contenders = new LinkedHashMap<>(contenders(stages));
        String baseline = System.getProperty("baseline", "");
        if (!baseline.isEmpty()) {
            baselineContenders(baseline, stages).forEach((name, op) -> contenders.put("baseline " + name, op));
        }
        List<String> names = new ArrayList<>(contenders.keySet());
        for (String name : names) {
            run(contenders.get(name), WARM_UP_NANOS, new long[1]);
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, double[]> nanos = new LinkedHashMap<>();
        Map<String, long[]> bytes = new LinkedHashMap<>();
        names.forEach(name -> {
            nanos.put(name, new double[rounds]);
            bytes.put(name, new long[1]);
        });
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                nanos.get(name)[round] = run(contenders.get(name), ROUND_NANOS, bytes.get(name));
            }
        }
        double[] floor = nanos.get("floor");
        System.out.printf("%d rounds, load average %.2f before and %.2f after%n", rounds, loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-34s %22s %26s %12s %12s%n", "contender, thread CPU time", "ns per call (min-max)",
                "x floor (min-max)", "ns > floor", "bytes/call");
        for (String name : names) {
            double[] n = nanos.get(name);
            double[] ratio = new double[rounds];
            double[] above = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratio[round] = n[round] / floor[round];
                above[round] = n[round] - floor[round];
            }
            System.out.printf("%-34s %8.0f (%5.0f-%5.0f) %10.4f (%.3f-%.3f) %12.0f %12d%n", name, median(n), min(n),
                    max(n), median(ratio), min(ratio), max(ratio), median(above), bytes.get(name)[0]);
        }
    }

    /** The contenders of another build, each class of Tessera loaded from {@code path} rather than from here. */
    @SuppressWarnings("unchecked")
    private static Map<String, Callable<Object>> baselineContenders(String path, boolean stages) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            urls.add(new File(dir).toURI().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), CpuTimeRace.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith("dev.tessera.")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) { // Tessera's own classes: this build's, never the parent's
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
        };
        Class<?> race = loader.loadClass(CpuTimeRace.class.getName());
        Map<String, Callable<Object>> theirs =
                (Map<String, Callable<Object>>) race.getMethod("contenders", boolean.class).invoke(null, stages);
        theirs.remove("floor"); // one floor: the same JCA call whichever build asks
        return theirs;
    }

    /**
     * Runs {@code op} for about {@code budget} ns of this thread's CPU time; the CPU time per call. The heap bytes
     * allocated per call go into {@code bytes[0]}.
     */
    private static double run(Callable<Object> op, long budget, long[] bytes) throws Exception {
        long thread = Thread.currentThread().getId();
        long calls = 0;
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        long start = THREADS.getCurrentThreadCpuTime();
        long spent;
        int sink = 0;
        do {
            for (int i = 0; i < 100; i++) {
                sink += System.identityHashCode(op.call()) & 1;
            }
            calls += 100;
            spent = THREADS.getCurrentThreadCpuTime() - start;
        } while (spent < budget);
        bytes[0] = (THREADS.getThreadAllocatedBytes(thread) - allocated) / calls;
        if (sink == -1) {
            System.out.print(""); // keeps the results alive
        }
        return (double) spent / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
