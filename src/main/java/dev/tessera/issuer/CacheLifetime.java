package dev.tessera.issuer;

import java.time.Duration;
import java.util.Objects;

import dev.tessera.config.KeyRefreshPolicy;

/**
 * How long a fetched key set is trusted. {@code Cache-Control: max-age=N} (RFC 9111 §5.2.2.1) gives N seconds;
 * {@code no-cache} and {@code no-store} (which Keycloak sends) give zero; the result is then clamped to
 * [{@code minTtl}, {@code maxTtl}] (defaults 60 s and 24 h), so {@code no-cache} means "fetch again after
 * {@code minTtl}". A response without either directive lives {@code defaultTtl} (default 10 min).
 */
record CacheLifetime(KeyRefreshPolicy policy) {

    CacheLifetime {
        Objects.requireNonNull(policy, "policy");
    }

    /** The lifetime of the key set in this response. */
    Duration of(HttpFetcher.FetchedResponse response) {
        return response.maxAge().map(this::clamp).orElse(policy.defaultTtl());
    }

    private Duration clamp(Duration maxAge) {
        if (maxAge.compareTo(policy.minTtl()) < 0) {
            return policy.minTtl();
        }
        return maxAge.compareTo(policy.maxTtl()) > 0 ? policy.maxTtl() : maxAge;
    }
}
