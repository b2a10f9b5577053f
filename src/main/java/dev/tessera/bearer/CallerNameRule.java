package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Instant;

/**
 * The token must name its caller: {@code upn}, else {@code preferred_username}, else {@code sub}, as a non-empty
 * string (MicroProfile JWT 2.1 "Minimum MP-JWT Required Claims").
 */
final class CallerNameRule implements ClaimRule {

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        if (claims.caller().isEmpty()) {
            throw new InvalidTokenException(Refusal.CLAIMS, "token names no caller (upn, preferred_username or sub)");
        }
    }
}
