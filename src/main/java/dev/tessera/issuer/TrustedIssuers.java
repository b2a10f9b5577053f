package dev.tessera.issuer;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.tessera.config.BearerConfig;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.KeyOrigin;
import dev.tessera.config.Trust;
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
     * One key source per trusted issuer, from its key origin (discovery, a URL, a location or inline keys); keys
     * configured without an issuer accept tokens of any issuer. Files are read now; nothing is fetched over the network.
     *
     * @throws ConfigurationException when an issuer URL is insecure or a configured key cannot be read
     */
    public static TrustedIssuers from(BearerSettings settings, Clock clock) {
        HttpFetcher fetcher = new HttpFetcher(settings.fetch());
        Discovery discovery = new Discovery(fetcher);
        Trust trust = settings.trust();
        if (trust instanceof Trust.AnyIssuer any) {
            return new TrustedIssuers(Map.of(), keySource(null, any.keys(), discovery, fetcher, settings, clock));
        }
        List<String> problems = new ArrayList<>();
        Map<String, KeySource> byIssuer = new LinkedHashMap<>();
        for (Trust.TrustedIssuer issuer : ((Trust.Issuers) trust).issuers()) {
            try {
                HttpFetcher.requireSecure(issuer.issuer(), settings.fetch().allowInsecureHttp());
            } catch (IllegalArgumentException e) {
                problems.add(BearerConfig.keyOf(trust, issuer.issuer()) + ": " + e.getMessage());
                continue;
            }
            byIssuer.put(issuer.issuer().toString(),
                    keySource(issuer.issuer(), issuer.keys(), discovery, fetcher, settings, clock));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new TrustedIssuers(byIssuer, null);
    }

    private static KeySource keySource(URI issuer, KeyOrigin origin, Discovery discovery, HttpFetcher fetcher,
            BearerSettings settings, Clock clock) {
        String key = BearerConfig.keyOf(origin);
        if (origin instanceof KeyOrigin.Inline inline) {
            return StaticKeySource.fromContent(inline.content(), key);
        }
        if (origin instanceof KeyOrigin.Location location) {
            return StaticKeySource.fromLocation(location.location(), key, fetcher, settings.keyRefresh(), clock);
        }
        if (origin instanceof KeyOrigin.KeysUrl url) {
            return StaticKeySource.fromLocation(url.uri().toString(), key, fetcher, settings.keyRefresh(), clock);
        }
        return JwksKeySource.forIssuer(issuer, discovery, fetcher, settings.keyRefresh(), clock);
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
