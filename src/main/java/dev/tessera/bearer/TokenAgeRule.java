package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code mp.jwt.verify.token.age}: {@code iat} is required and the token may be at most this old, plus
 * the clock skew. Time-dependent.
 */
final class TokenAgeRule implements ClaimRule {

    private final long maxAgeSeconds;
    private final long skewSeconds;

    TokenAgeRule(Duration maxAge, Duration skew) {
        this.maxAgeSeconds = NumericDate.seconds(maxAge);
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        long iat = claims.issuedAt()
                .orElseThrow(() -> new InvalidTokenException(Refusal.TOO_OLD, "iat is missing but a maximum token age is set"))
                .getEpochSecond();
        // All terms are bounded by NumericDate.MAX_SECONDS, so nothing overflows.
        if (now.getEpochSecond() - iat > maxAgeSeconds + skewSeconds) {
            throw new InvalidTokenException(Refusal.TOO_OLD, "token is older than the maximum token age");
        }
    }
}
