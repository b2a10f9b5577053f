package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code iat}, when present, must not lie in the future beyond the clock skew: a token from the future is a broken
 * or forged issuer clock (RFC 7519 §4.1.6). Time-dependent.
 */
final class IssuedAtRule implements ClaimRule {

    private final long skewSeconds;

    IssuedAtRule(Duration skew) {
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        Optional<Instant> iat = claims.issuedAt();
        if (iat.isPresent() && iat.get().getEpochSecond() - skewSeconds > now.getEpochSecond()) {
            throw new InvalidTokenException(Refusal.NOT_YET_VALID, "token was issued in the future (iat)");
        }
    }
}
