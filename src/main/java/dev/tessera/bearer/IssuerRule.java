package dev.tessera.bearer;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code iss} must equal one configured issuer exactly: no normalization of case or trailing slashes
 * (RFC 7519 §4.1.1, OpenID Connect Core §3.1.3.7 step 2, threat model row 14). The verifier has already
 * used the same string to pick that issuer's keys, so a token is only ever checked with its own issuer's keys.
 */
final class IssuerRule implements ClaimRule {

    private final Set<String> issuers;
    private final List<String> inOrder;

    /** @param issuers the configured issuers, in configuration order (for the refusal's detail) */
    IssuerRule(List<String> issuers) {
        this.issuers = Set.copyOf(issuers);
        this.inOrder = List.copyOf(issuers);
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        if (claims.issuer().isEmpty() || !issuers.contains(claims.issuer().get())) {
            throw ClaimText.untrustedIssuer(claims.issuer(), inOrder);
        }
    }
}
