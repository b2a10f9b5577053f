package dev.tessera.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When a cached outbound token is refreshed. For tokens with a short lifetime the margins shrink to
 * half and a quarter of the lifetime, so a token is always used for a while before it is refreshed.
 *
 * @param refreshMargin   a background refresh starts this long before the token expires; callers keep
 *                        getting the current token meanwhile
 * @param expiryMargin    the token is no longer handed out this long before it expires (requests take
 *                        time and clocks differ); callers then wait for a new one
 * @param defaultLifetime the lifetime assumed when the token response has no {@code expires_in}
 * @param waitTimeout     how long a caller waits for a token request in flight before giving up
 */
public record TokenCachePolicy(Duration refreshMargin, Duration expiryMargin, Duration defaultLifetime,
        Duration waitTimeout) {

    public static final TokenCachePolicy DEFAULT = new TokenCachePolicy(
            Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10));

    public TokenCachePolicy {
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        Objects.requireNonNull(expiryMargin, "expiryMargin");
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        if (expiryMargin.isNegative() || expiryMargin.compareTo(refreshMargin) > 0) {
            throw new SettingRefusedException("expiry-margin", "must not exceed refresh-margin (" + refreshMargin + ")");
        }
        if (defaultLifetime.isNegative() || defaultLifetime.isZero()) {
            throw new SettingRefusedException("default-lifetime", "must be positive");
        }
        if (waitTimeout.isNegative() || waitTimeout.isZero()) {
            throw new SettingRefusedException("token-timeout", "must be positive");
        }
    }

    /** How long before expiry a token of this lifetime is refreshed in the background. */
    public Duration refreshAhead(Duration lifetime) {
        Duration half = lifetime.dividedBy(2);
        return refreshMargin.compareTo(half) < 0 ? refreshMargin : half;
    }

    /** How long before expiry a token of this lifetime stops being handed out. */
    public Duration stopAhead(Duration lifetime) {
        Duration quarter = lifetime.dividedBy(4);
        return expiryMargin.compareTo(quarter) < 0 ? expiryMargin : quarter;
    }
}
