package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Duration;
import java.time.Instant;

/** {@code exp} must not have passed (RFC 7519 §4.1.4), with the clock skew as tolerance. Time-dependent. */
final class ExpirationRule implements ClaimRule {

    private final long skewSeconds;

    ExpirationRule(Duration skew) {
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        // "the current date/time MUST be before the expiration date/time"
        if (now.getEpochSecond() - skewSeconds >= claims.expiresAt().getEpochSecond()) {
            throw new InvalidTokenException(Refusal.EXPIRED, "token has expired");
        }
    }
}
