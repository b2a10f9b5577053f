package dev.tessera.bearer;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Set;

/**
 * {@code iss} must equal one configured issuer exactly: no normalization of case or trailing slashes
 * (RFC 7519 §4.1.1, OpenID Connect Core §3.1.3.7 step 2, SECURITY.md row 14). The verifier has already
 * used the same string to pick that issuer's keys, so a token is only ever checked with its own issuer's keys.
 */
final class IssuerCheck implements ClaimCheck {

    private final Set<String> issuers;

    IssuerCheck(Set<String> issuers) {
        this.issuers = Set.copyOf(issuers);
    }

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        if (!(claims.get("iss") instanceof JsonString iss) || !issuers.contains(iss.getString())) {
            throw new InvalidTokenException("iss is not a trusted issuer");
        }
    }
}
