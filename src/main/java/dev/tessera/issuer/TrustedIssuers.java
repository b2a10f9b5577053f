package dev.tessera.issuer;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The issuers a deployment trusts, each with its own keys: the token's {@code iss} selects the
 * issuer and only that issuer's keys (SECURITY.md row 20). Keys are never merged across issuers.
 */
public final class TrustedIssuers {

    private final Map<String, KeySource> byIssuer;
    private final KeySource anyIssuer;

    /**
     * @param byIssuer  key source per exact issuer string
     * @param anyIssuer keys for tokens of any issuer, when keys were configured without an issuer; may be null
     */
    public TrustedIssuers(Map<String, KeySource> byIssuer, KeySource anyIssuer) {
        this.byIssuer = Map.copyOf(byIssuer);
        this.anyIssuer = anyIssuer;
        if (this.byIssuer.isEmpty() && anyIssuer == null) {
            throw new IllegalArgumentException("at least one issuer or key source is required");
        }
    }

    /** The keys of the issuer named exactly by {@code iss}; empty when that issuer is not trusted. */
    public Optional<KeySource> keysFor(String iss) {
        if (anyIssuer != null && byIssuer.isEmpty()) {
            return Optional.of(anyIssuer);
        }
        return iss == null ? Optional.empty() : Optional.ofNullable(byIssuer.get(iss));
    }

    /** Whether tokens must carry one of the configured issuers in {@code iss}. */
    public boolean checksIssuer() {
        return !byIssuer.isEmpty();
    }

    @Override
    public String toString() {
        return "TrustedIssuers" + byIssuer.keySet() + (anyIssuer != null ? "+key location" : "");
    }

    static TrustedIssuers of(String issuer, KeySource keys) {
        return new TrustedIssuers(Map.of(Objects.requireNonNull(issuer), keys), null);
    }
}
