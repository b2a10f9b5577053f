package dev.tessera.bearer;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code mp.jwt.verify.token.age}: {@code iat} is required and the token may be at most this old, plus
 * the clock skew. Time-dependent.
 */
final class TokenAgeCheck implements ClaimCheck {

    private final long maxAgeSeconds;
    private final long skewSeconds;

    TokenAgeCheck(Duration maxAge, Duration skew) {
        this.maxAgeSeconds = NumericDate.seconds(maxAge);
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        long iat = NumericDate.read(claims, "iat")
                .orElseThrow(() -> new InvalidTokenException("iat is missing but a maximum token age is set"));
        // All terms are bounded by NumericDate.MAX_SECONDS, so nothing overflows.
        if (now.getEpochSecond() - iat > maxAgeSeconds + skewSeconds) {
            throw new InvalidTokenException("token is older than the maximum token age");
        }
    }
}
