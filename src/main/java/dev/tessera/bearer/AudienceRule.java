package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.time.Instant;
import java.util.Set;

/**
 * {@code aud} must name one of the configured audiences, as a string or inside an array of strings
 * (RFC 7519 §4.1.3, threat model row 13). Exact comparison: {@code ours-evil} is not {@code ours}.
 */
final class AudienceRule implements ClaimRule {

    private final Set<String> audiences;

    AudienceRule(Set<String> audiences) {
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("at least one audience is required");
        }
        this.audiences = Set.copyOf(audiences);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        for (String audience : claims.audience()) {
            if (audiences.contains(audience)) {
                return;
            }
        }
        // audiences are not secrets: both sides help whoever configures the issuer or this server
        throw new InvalidTokenException(Refusal.AUDIENCE, "aud does not name this resource server",
                "expected one of " + audiences + ", found " + ClaimText.quoted(claims.audience()));
    }
}
