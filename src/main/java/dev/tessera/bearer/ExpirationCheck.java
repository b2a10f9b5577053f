package dev.tessera.bearer;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** {@code exp} is required and must not have passed (RFC 7519 §4.1.4), with the clock skew as tolerance. Time-dependent. */
final class ExpirationCheck implements ClaimCheck {

    private final long skewSeconds;

    ExpirationCheck(Duration skew) {
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        long exp = NumericDate.read(claims, "exp")
                .orElseThrow(() -> new InvalidTokenException("exp is missing"));
        // "the current date/time MUST be before the expiration date/time"
        if (now.getEpochSecond() - skewSeconds >= exp) {
            throw new InvalidTokenException("token has expired");
        }
    }
}
