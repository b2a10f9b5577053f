package dev.tessera.bearer;

import dev.tessera.bench.BenchIssuer;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.TokenCacheSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;

/**
 * The heap cost of one entry of {@link CachingTokenVerifier}, as measured: fills a cache with
 * {@value #ENTRIES} distinct verified tokens and divides the growth of the used heap (after full GCs) by the
 * number of entries. The tokens are signed before the baseline, so their text is added by computation (the cache
 * keeps it, so it is part of the entry's cost). Prints a Markdown table next to
 * the cache's own per-entry estimate ({@link CachingTokenVerifier#estimatedBytes}), which its byte bound uses.
 */
public final class CacheFootprint {

    static final int ENTRIES = 5000;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private CacheFootprint() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder table = new StringBuilder("| alg | token length (chars) | entries | heap bytes per entry, measured"
                + " | the same after reading every claim | cache's estimate per entry |\n|---|---:|---:|---:|---:|---:|\n");
        for (String alg : args.length > 0 ? List.of(args) : List.of("RS256", "ES256")) {
            table.append(measure(BenchIssuer.generate(alg), alg));
        }
        System.out.println();
        System.out.print(table);
    }

    private static String measure(BenchIssuer issuer, String alg) throws Exception {
        BearerSettings settings = issuer.tesseraSettings();
        // bounds far above what is stored, so that no generation of the cache is ever dropped
        CachingTokenVerifier cache = new CachingTokenVerifier(issuer.tesseraVerifier(settings), BenchIssuer.CLOCK,
                new TokenCacheSettings(true, 4 * ENTRIES, Long.MAX_VALUE));
        String first = issuer.token(0);
        cache.verify(first); // everything lazily built on the way is built now, before the baseline
        String[] tokens = new String[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            tokens[i] = issuer.token(i + 1);
        }
        // signed before the baseline, so that nothing of the signing is counted: the token texts are counted below
        long before = usedHeapAfterGc();
        VerifiedToken[] verified = new VerifiedToken[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            verified[i] = cache.verify(tokens[i]);
        }
        long after = usedHeapAfterGc();
        // JSON-P makes every claim value while parsing, so reading them all should not grow the entry; measured to be sure.
        for (VerifiedToken token : verified) {
            token.getClaimNames().forEach(token::getClaim);
        }
        long afterReading = usedHeapAfterGc();
        if (cache.size() != ENTRIES + 1) {
            throw new IllegalStateException("the cache holds " + cache.size() + " entries, expected " + (ENTRIES + 1));
        }
        int length = first.length();
        long arrayBytes = 16 + 4L * ENTRIES; // the array above, counted in both figures
        double perEntry = (double) (after - before - arrayBytes) / ENTRIES + stringBytes(length);
        double perEntryRead = (double) (afterReading - before - arrayBytes) / ENTRIES + stringBytes(length);
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %d |%n", alg, length, ENTRIES, perEntry,
                perEntryRead, CachingTokenVerifier.estimatedBytes(first));
    }

    /**
     * The heap size of an ASCII string of this length with compact strings: a 24-byte {@code String}, and a
     * {@code byte[]} of a 16-byte header plus the characters, padded to 8 bytes (64-bit JVM, compressed oops).
     */
    private static long stringBytes(int length) {
        return 24 + (16 + length + 7) / 8 * 8;
    }

    /** The used heap once full collections stop freeing anything. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
