package dev.tessera.issuer;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.tessera.config.BearerSettings;
import dev.tessera.config.ConfigurationException;

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

    /**
     * One key source per configured issuer: the first issuer takes its keys from
     * {@code mp.jwt.verify.publickey[.location]} when set, every other issuer from discovery and its JWKS.
     * Keys without any issuer accept tokens of any issuer. Files are read now; nothing is fetched over the network.
     *
     * @throws ConfigurationException when an issuer URL is insecure or a configured key cannot be read
     */
    public static TrustedIssuers from(BearerSettings settings, Clock clock) {
        HttpFetcher fetcher = new HttpFetcher(settings.fetch());
        Discovery discovery = new Discovery(fetcher);
        List<String> problems = new ArrayList<>();
        KeySource configuredKeys = null;
        if (settings.publicKeyLocation().isPresent()) {
            configuredKeys = StaticKeySource.fromLocation(settings.publicKeyLocation().get(),
                    "mp.jwt.verify.publickey.location", fetcher, settings.keyRefresh(), clock);
        } else if (settings.publicKey().isPresent()) {
            configuredKeys = StaticKeySource.fromContent(settings.publicKey().get(), "mp.jwt.verify.publickey");
        }
        Map<String, KeySource> byIssuer = new LinkedHashMap<>();
        for (URI issuer : settings.issuers()) {
            boolean first = byIssuer.isEmpty();
            try {
                HttpFetcher.requireSecure(issuer, settings.fetch().allowInsecureHttp());
            } catch (IllegalArgumentException e) {
                problems.add((first ? "mp.jwt.verify.issuer" : "tessera.bearer.issuers") + ": " + e.getMessage());
                continue;
            }
            byIssuer.put(issuer.toString(), first && configuredKeys != null
                    ? configuredKeys
                    : JwksKeySource.forIssuer(issuer, discovery, fetcher, settings.keyRefresh(), clock));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return byIssuer.isEmpty() ? new TrustedIssuers(Map.of(), configuredKeys) : new TrustedIssuers(byIssuer, null);
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
