package dev.tessera.bearer;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * {@code iat}, when present, must be a NumericDate not in the future beyond the clock skew: a token from the
 * future is a broken or forged issuer clock (RFC 7519 §4.1.6). Time-dependent.
 */
final class IssuedAtCheck implements ClaimCheck {

    private final long skewSeconds;

    IssuedAtCheck(Duration skew) {
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        OptionalLong iat = NumericDate.read(claims, "iat");
        if (iat.isPresent() && iat.getAsLong() - skewSeconds > now.getEpochSecond()) {
            throw new InvalidTokenException("token was issued in the future (iat)");
        }
    }
}
