package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code mp.jwt.verify.token.age}: {@code iat} is required and the token may be at most this old. The clock skew is
 * not added: the age is the application's own limit, and MicroProfile JWT 2.1 checks it as given (its TCK refuses a
 * token 5 s old at an age of 4 s with the default skew). Time-dependent.
 */
final class TokenAgeRule implements ClaimRule {

    private final long maxAgeSeconds;

    TokenAgeRule(Duration maxAge) {
        this.maxAgeSeconds = NumericDate.seconds(maxAge);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        long iat = claims.issuedAt()
                .orElseThrow(() -> new InvalidTokenException(Refusal.TOO_OLD, "iat is missing but a maximum token age is set"))
                .getEpochSecond();
        // All terms are bounded by NumericDate.MAX_SECONDS, so nothing overflows.
        if (now.getEpochSecond() - iat > maxAgeSeconds) {
            throw new InvalidTokenException(Refusal.TOO_OLD, "token is older than the maximum token age");
        }
    }
}
