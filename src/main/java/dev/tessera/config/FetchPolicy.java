package dev.tessera.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on every outbound HTTP fetch of issuer metadata, keys and tokens.
 *
 * @param connectTimeout    time allowed to open the connection
 * @param readTimeout       time allowed for the whole response after connecting
 * @param maxResponseBytes  larger responses are refused without reading further
 * @param allowInsecureHttp whether plain {@code http://} is allowed for hosts other than loopback
 */
public record FetchPolicy(Duration connectTimeout, Duration readTimeout, int maxResponseBytes,
        boolean allowInsecureHttp) {

    public static final FetchPolicy DEFAULT = new FetchPolicy(Duration.ofSeconds(2), Duration.ofSeconds(3), 512 * 1024, false);

    public FetchPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
    }
}
