package dev.tessera.bearer;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/** {@code nbf}, when present, must not lie in the future beyond the clock skew (RFC 7519 §4.1.5). Time-dependent. */
final class NotBeforeCheck implements ClaimCheck {

    private final long skewSeconds;

    NotBeforeCheck(Duration skew) {
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        OptionalLong nbf = NumericDate.read(claims, "nbf");
        if (nbf.isPresent() && nbf.getAsLong() - skewSeconds > now.getEpochSecond()) {
            throw new InvalidTokenException("token is not valid yet (nbf)");
        }
    }
}
