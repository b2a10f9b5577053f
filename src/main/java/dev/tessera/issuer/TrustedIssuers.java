package dev.tessera.issuer;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tessera.config.BearerSettings;
import dev.tessera.config.FetchPolicy;
import dev.tessera.config.KeyOrigin;
import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.config.Trust;
import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.jose.KeyLoader.DecryptionKey;
import dev.tessera.observation.Observer;

/**
 * The issuers a deployment trusts, each with its own keys: the token's {@code iss} selects the issuer and only that
 * issuer's keys (threat model row 20). Keys are never merged across issuers. Owns the HTTP client of its key sources
 * and what runs their refreshes ({@link BackgroundWork}: the server's managed executor when there is one);
 * {@link #close()} releases them.
 */
public final class TrustedIssuers implements AutoCloseable {

    private volatile Map<String, KeySource> byIssuer;
    private volatile KeySource anyIssuer;
    private final HttpFetcher fetcher;
    private final BackgroundWork refresher;
    private final List<DecryptionKey> decryptionKeys;

    /**
     * Issuers with key sources that hold no resources (tests, configured keys).
     *
     * @param byIssuer  key source per exact issuer string
     * @param anyIssuer keys for tokens of any issuer, when keys were configured without an issuer; may be null
     */
    public TrustedIssuers(Map<String, KeySource> byIssuer, KeySource anyIssuer) {
        this(byIssuer, anyIssuer, List.of());
    }

    /**
     * Like {@link #TrustedIssuers(Map, KeySource)}, with the private keys that decrypt encrypted tokens.
     *
     * @param decryptionKeys RSA private keys; empty when tokens are not encrypted
     */
    public TrustedIssuers(Map<String, KeySource> byIssuer, KeySource anyIssuer, List<DecryptionKey> decryptionKeys) {
        this(byIssuer, anyIssuer, null, null, decryptionKeys);
    }

    private TrustedIssuers(Map<String, KeySource> byIssuer, KeySource anyIssuer, HttpFetcher fetcher,
            BackgroundWork refresher, List<DecryptionKey> decryptionKeys) {
        this.decryptionKeys = List.copyOf(decryptionKeys);
        this.byIssuer = Map.copyOf(byIssuer);
        this.anyIssuer = anyIssuer;
        this.fetcher = fetcher;
        this.refresher = refresher;
        if (this.byIssuer.isEmpty() && anyIssuer == null) {
            throw new IllegalArgumentException("at least one issuer or key source is required");
        }
    }

    /** {@link #create} with the pieces of these settings: configured keys belong to the first issuer, or to any. */
    public static TrustedIssuers from(BearerSettings settings, Clock clock) {
        return from(settings, clock, Observer.NONE);
    }

    /** Like {@link #from(BearerSettings, Clock)}, every key-set fetch told to {@code observer}. */
    public static TrustedIssuers from(BearerSettings settings, Clock clock, Observer observer) {
        Trust trust = settings.trust();
        List<DecryptionKey> decryptionKeys = settings.decryption()
                .map(decryption -> DecryptionKeys.load(decryption.keyLocation(), settings.fetch()))
                .orElse(List.of());
        if (trust instanceof Trust.EncryptedClaims) {
            // unsigned encrypted tokens: no issuer and no verification key is ever consulted
            return new TrustedIssuers(Map.of(), StaticKeySource.NONE, decryptionKeys);
        }
        KeyOrigin configured = trust instanceof Trust.AnyIssuer any ? any.keys()
                : ((Trust.Issuers) trust).issuers().get(0).keys();
        Optional<String> location = configured instanceof KeyOrigin.Location file ? Optional.of(file.location())
                : configured instanceof KeyOrigin.KeysUrl url ? Optional.of(url.uri().toString()) : Optional.empty();
        Optional<String> inline = configured instanceof KeyOrigin.Inline keys ? Optional.of(keys.content())
                : Optional.empty();
        return create(trust.issuerNames(), location, inline, settings.fetch(), settings.keyRefresh(), clock,
                settings.rules().minRsaKeyBits(), observer).withDecryptionKeys(decryptionKeys);
    }

    private TrustedIssuers withDecryptionKeys(List<DecryptionKey> keys) {
        return keys.isEmpty() ? this : new TrustedIssuers(byIssuer, anyIssuer, fetcher, refresher, keys);
    }

    /** The private keys that decrypt encrypted tokens, loaded at deployment; empty when tokens are not encrypted. */
    public List<DecryptionKey> decryptionKeys() {
        return decryptionKeys;
    }

    /**
     * One key source per issuer: the first issuer takes its keys from the key location or the inline key when one is
     * given, every other issuer from discovery and its JWKS. Keys without any issuer accept tokens of any issuer.
     * Files are read now; nothing is fetched over the network.
     *
     * @throws KeyOriginException naming each issuer URL that is insecure, or why the configured key cannot be used
     */
    public static TrustedIssuers create(List<URI> issuers, Optional<String> keyLocation, Optional<String> inlineKey,
            FetchPolicy fetch, KeyRefreshPolicy refresh, Clock clock) {
        return create(issuers, keyLocation, inlineKey, fetch, refresh, clock, JwsAlgorithm.MIN_RSA_BITS, Observer.NONE);
    }

    /**
     * Like {@link #create(List, Optional, Optional, FetchPolicy, KeyRefreshPolicy, Clock)}, RSA keys of
     * {@code minRsaBits}+, every key-set fetch told to {@code observer}.
     */
    public static TrustedIssuers create(List<URI> issuers, Optional<String> keyLocation, Optional<String> inlineKey,
            FetchPolicy fetch, KeyRefreshPolicy refresh, Clock clock, int minRsaBits, Observer observer) {
        HttpFetcher fetcher = new HttpFetcher(fetch);
        BackgroundWork refresher = BackgroundWork.managedOrOwn("tessera-key-refresh");
        try {
            KeySource configuredKeys = null;
            if (keyLocation.isPresent()) {
                configuredKeys = StaticKeySource.fromLocation(keyLocation.get(), fetcher, refresh, clock,
                        refresher.executor(),
                        minRsaBits, observer);
            } else if (inlineKey.isPresent()) {
                configuredKeys = StaticKeySource.fromContent(inlineKey.get(), minRsaBits);
            }
            Discovery discovery = new Discovery(fetcher);
            List<KeyOriginException.Problem> problems = new ArrayList<>();
            Map<String, KeySource> byIssuer = new LinkedHashMap<>();
            for (int i = 0; i < issuers.size(); i++) {
                URI issuer = issuers.get(i);
                try {
                    HttpFetcher.requireSecure(issuer, fetch.allowInsecureHttp());
                } catch (IllegalArgumentException e) {
                    problems.add(new KeyOriginException.Problem(KeyOriginException.Origin.ISSUER, i, e.getMessage()));
                    continue;
                }
                byIssuer.put(issuer.toString(), i == 0 && configuredKeys != null
                        ? configuredKeys
                        : JwksKeySource.forIssuer(issuer, discovery, fetcher, refresh, clock, refresher.executor(), minRsaBits,
                                observer));
            }
            if (!problems.isEmpty()) {
                throw new KeyOriginException(problems);
            }
            return byIssuer.isEmpty()
                    ? new TrustedIssuers(Map.of(), configuredKeys, fetcher, refresher, List.of())
                    : new TrustedIssuers(byIssuer, null, fetcher, refresher, List.of());
        } catch (RuntimeException e) {
            refresher.close();
            fetcher.close();
            throw e;
        }
    }

    /** The keys of the issuer named exactly by {@code iss}; empty when that issuer is not trusted, or after close. */
    public Optional<KeySource> keysFor(String iss) {
        Map<String, KeySource> issuers = byIssuer;
        KeySource any = anyIssuer;
        if (any != null && issuers.isEmpty()) {
            return Optional.of(any);
        }
        return iss == null ? Optional.empty() : Optional.ofNullable(issuers.get(iss));
    }

    /** Whether tokens must carry one of the configured issuers in {@code iss}. */
    public boolean checksIssuer() {
        return !byIssuer.isEmpty();
    }

    /** Stops the key refresh threads, closes the HTTP client and drops every key source. Idempotent. */
    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
        byIssuer = Map.of();
        anyIssuer = null;
    }

    @Override
    public String toString() {
        return "TrustedIssuers" + byIssuer.keySet() + (anyIssuer != null ? "+key location" : "");
    }
}
