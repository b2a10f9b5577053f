package dev.tessera.config;

import java.time.Duration;
import java.util.Set;

/** Reads the {@code <prefix>.http.*} bounds of outbound fetches, which the inbound and outbound sides share. */
public final class FetchConfig {

    /** The keys this reads, relative to the prefix. */
    public static final Set<String> KEYS = Set.of(
            "http.connect-timeout", "http.read-timeout", "http.max-response-bytes", "allow-insecure-http");

    private FetchConfig() {
    }

    /** Reads {@code <prefix>.http.*} fetch bounds; shared by the inbound and outbound sides. */
    public static FetchPolicy read(ConfigReader config, String prefix) {
        FetchPolicy d = FetchPolicy.DEFAULT;
        return new FetchPolicy(
                config.duration(prefix + ".http.connect-timeout", d.connectTimeout(), Duration.ofMillis(10), Duration.ofMinutes(1)),
                config.duration(prefix + ".http.read-timeout", d.readTimeout(), Duration.ofMillis(10), Duration.ofMinutes(5)),
                config.integer(prefix + ".http.max-response-bytes", d.maxResponseBytes(), 1024, 64 * 1024 * 1024),
                config.bool(prefix + ".allow-insecure-http", false));
    }
}
