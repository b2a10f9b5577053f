package dev.tessera.config;

/**
 * Bounds of the cache of verified inbound tokens ({@code tessera.bearer.token-cache.*}).
 *
 * @param enabled    when {@code false} every request verifies its token's signature
 * @param maxEntries at most this many tokens are kept; at least 2 (the cache keeps two generations of half each)
 * @param maxBytes   at most this many (estimated) heap bytes are kept
 */
public record TokenCacheSettings(boolean enabled, int maxEntries, long maxBytes) {

    public static final TokenCacheSettings DEFAULT = new TokenCacheSettings(true, 10_000, 32L * 1024 * 1024);

    public TokenCacheSettings {
        if (maxEntries < 2 || maxBytes < 2) {
            throw new IllegalArgumentException("maxEntries and maxBytes must be at least 2");
        }
    }
}
