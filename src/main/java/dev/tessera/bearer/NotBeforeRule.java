package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code nbf}, when present, must not lie in the future beyond the clock skew (RFC 7519 §4.1.5). Time-dependent. */
final class NotBeforeRule implements ClaimRule {

    private final long skewSeconds;

    NotBeforeRule(Duration skew) {
        this.skewSeconds = NumericDate.seconds(skew);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        Optional<Instant> nbf = claims.notBefore();
        if (nbf.isPresent() && nbf.get().getEpochSecond() - skewSeconds > now.getEpochSecond()) {
            throw new InvalidTokenException(Refusal.NOT_YET_VALID, "token is not valid yet (nbf)");
        }
    }
}
