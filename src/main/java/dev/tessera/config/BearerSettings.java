package dev.tessera.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the inbound side needs to accept bearer tokens, read once at deployment.
 *
 * @param issuers                trusted issuers; the first is {@code mp.jwt.verify.issuer}, the rest come from
 *                               {@code tessera.bearer.issuers}. Empty only when keys come from a key location.
 * @param publicKeyLocation      {@code mp.jwt.verify.publickey.location}: JWKS or PEM (file, classpath, https);
 *                               when set, the keys of the first issuer come from here instead of discovery
 * @param publicKey              {@code mp.jwt.verify.publickey}: inline JWKS or PEM, same role as the location
 * @param audiences              accepted {@code aud} values; empty means the audience is not checked
 * @param algorithms             allowed JWS {@code alg} values (asymmetric only)
 * @param clockSkew              tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenAge            when present, tokens whose {@code iat} is older are refused
 * @param requireAccessTokenType accept only {@code typ: at+jwt} (RFC 9068 §4)
 * @param rolesClaims            claim paths ({@code /}-separated) whose values become groups
 * @param transport              header or cookie
 * @param realm                  the {@code realm} of RFC 6750 challenges
 * @param maxTokenLength         longer tokens are refused before any decoding
 * @param keyRefresh             key cache and refresh bounds
 * @param fetch                  bounds for metadata and key fetches
 * @param tokenCache             the cache of verified tokens
 */
public record BearerSettings(
        List<URI> issuers,
        Optional<String> publicKeyLocation,
        Optional<String> publicKey,
        Set<String> audiences,
        Set<String> algorithms,
        Duration clockSkew,
        Optional<Duration> maxTokenAge,
        boolean requireAccessTokenType,
        List<String> rolesClaims,
        TokenTransport transport,
        String realm,
        int maxTokenLength,
        KeyRefreshPolicy keyRefresh,
        FetchPolicy fetch,
        TokenCacheSettings tokenCache) {

    /** The asymmetric JWS algorithms of RFC 7518 and RFC 8037; never {@code none} or HS*. */
    public static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    public BearerSettings {
        issuers = List.copyOf(issuers);
        Objects.requireNonNull(publicKeyLocation, "publicKeyLocation");
        Objects.requireNonNull(publicKey, "publicKey");
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxTokenAge, "maxTokenAge");
        rolesClaims = List.copyOf(rolesClaims);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(keyRefresh, "keyRefresh");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(tokenCache, "tokenCache");
        if (issuers.isEmpty() && publicKeyLocation.isEmpty() && publicKey.isEmpty()) {
            throw new IllegalArgumentException("an issuer or a public key is required");
        }
        if (algorithms.isEmpty() || !ASYMMETRIC_ALGORITHMS.containsAll(algorithms)) {
            throw new IllegalArgumentException("algorithms must be a non-empty subset of " + ASYMMETRIC_ALGORITHMS);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        if (rolesClaims.isEmpty()) {
            throw new IllegalArgumentException("at least one roles claim is required");
        }
        if (maxTokenLength < 256) {
            throw new IllegalArgumentException("maxTokenLength must be at least 256");
        }
    }

    /** Whether the application configured the inbound side at all; if not, the mechanism stays out of the way. */
    public static boolean isConfigured(ConfigReader config) {
        return config.string("mp.jwt.verify.issuer").isPresent()
                || config.string("mp.jwt.verify.publickey.location").isPresent()
                || config.string("mp.jwt.verify.publickey").isPresent();
    }

    /**
     * Reads the inbound settings; bad keys are recorded on the reader (call
     * {@link ConfigReader#throwIfProblems()} afterwards). Empty when the inbound side is not configured
     * or when the settings are unusable.
     */
    public static Optional<BearerSettings> read(ConfigReader config) {
        if (!isConfigured(config)) {
            return Optional.empty();
        }
        Set<URI> issuers = new LinkedHashSet<>();
        config.uri("mp.jwt.verify.issuer").ifPresent(issuers::add);
        for (String extra : config.list("tessera.bearer.issuers")) {
            config.uri("tessera.bearer.issuers", extra).ifPresent(uri -> {
                if (!issuers.add(uri)) {
                    config.problem("tessera.bearer.issuers", "'" + extra + "' is listed twice");
                }
            });
        }
        Optional<String> location = config.string("mp.jwt.verify.publickey.location");
        Optional<String> inlineKey = config.string("mp.jwt.verify.publickey");
        if (location.isPresent() && inlineKey.isPresent()) {
            config.problem("mp.jwt.verify.publickey", "set either mp.jwt.verify.publickey or mp.jwt.verify.publickey.location, not both");
        }
        if (issuers.isEmpty() && config.string("tessera.bearer.issuers").isPresent()) {
            config.problem("tessera.bearer.issuers", "further issuers need mp.jwt.verify.issuer to be set as well");
        }
        if (config.string("mp.jwt.decrypt.key.location").isPresent()) {
            config.problem("mp.jwt.decrypt.key.location", "encrypted tokens (JWE) are not supported; remove the key");
        }

        Set<String> algorithms = new LinkedHashSet<>();
        List<String> configuredAlgorithms = config.list("mp.jwt.verify.publickey.algorithm");
        for (String alg : configuredAlgorithms.isEmpty() ? List.copyOf(ASYMMETRIC_ALGORITHMS) : configuredAlgorithms) {
            String canonical = canonicalAlgorithm(alg);
            if (canonical == null) {
                config.problem("mp.jwt.verify.publickey.algorithm",
                        "'" + alg + "' is not allowed; use asymmetric algorithms from " + ASYMMETRIC_ALGORITHMS);
            } else {
                algorithms.add(canonical);
            }
        }

        Set<String> audiences = new LinkedHashSet<>(config.list("mp.jwt.verify.audiences"));
        Duration skew = config.seconds("mp.jwt.verify.clock.skew").orElse(Duration.ofSeconds(60));
        Optional<Duration> tokenAge = config.seconds("mp.jwt.verify.token.age");
        boolean strictType = config.bool("tessera.bearer.require-access-token-type", false);
        List<String> rolesClaims = config.list("tessera.bearer.roles-claim");
        for (String path : rolesClaims) {
            boolean urlNamedClaim = path.contains("://");
            if (!urlNamedClaim && (path.startsWith("/") || path.endsWith("/") || path.contains("//"))) {
                config.problem("tessera.bearer.roles-claim", "'" + path + "' is not a claim path such as realm_access/roles");
            }
        }
        TokenTransport transport = readTransport(config);
        String realm = config.string("tessera.bearer.realm").orElse("tessera");
        if (realm.contains("\"") || realm.contains("\\") || realm.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            config.problem("tessera.bearer.realm", "must be printable ASCII without quotes or backslashes");
            realm = "tessera";
        }
        int maxLength = config.integer("tessera.bearer.max-token-length", DEFAULT_MAX_TOKEN_LENGTH, 256, 1024 * 1024);
        KeyRefreshPolicy keyRefresh = readKeyRefresh(config);
        FetchPolicy fetch = FetchConfig.read(config, "tessera.bearer");
        TokenCacheSettings tokenCache = TokenCacheSettings.read(config);

        if (config.hasProblems() || (issuers.isEmpty() && location.isEmpty() && inlineKey.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new BearerSettings(List.copyOf(issuers), location, inlineKey, audiences, algorithms, skew,
                tokenAge, strictType, rolesClaims.isEmpty() ? List.of("groups") : rolesClaims, transport, realm,
                maxLength, keyRefresh, fetch, tokenCache));
    }

    /** The allow-listed spelling of a JWS algorithm name, or {@code null} when it is not an allowed one. */
    static String canonicalAlgorithm(String alg) {
        if (alg.equalsIgnoreCase("EdDSA")) {
            return "EdDSA";
        }
        String upper = alg.toUpperCase(Locale.ROOT);
        return ASYMMETRIC_ALGORITHMS.contains(upper) && upper.equals(alg) ? upper : null;
    }

    private static TokenTransport readTransport(ConfigReader config) {
        String header = config.string("mp.jwt.token.header").orElse("Authorization");
        if (header.equalsIgnoreCase("Authorization")) {
            return TokenTransport.AUTHORIZATION_HEADER;
        }
        if (header.equalsIgnoreCase("Cookie")) {
            return TokenTransport.cookie(config.string("mp.jwt.token.cookie").orElse("Bearer"));
        }
        config.problem("mp.jwt.token.header", "must be Authorization or Cookie, was '" + header + "'");
        return TokenTransport.AUTHORIZATION_HEADER;
    }

    private static KeyRefreshPolicy readKeyRefresh(ConfigReader config) {
        KeyRefreshPolicy d = KeyRefreshPolicy.DEFAULT;
        Duration minTtl = config.duration("tessera.bearer.jwks.min-ttl", d.minTtl(), Duration.ofSeconds(1), Duration.ofDays(7));
        Duration maxTtl = config.duration("tessera.bearer.jwks.max-ttl", d.maxTtl(), Duration.ofSeconds(1), Duration.ofDays(7));
        Duration ttl = config.duration("tessera.bearer.jwks.ttl", d.defaultTtl(), Duration.ofSeconds(1), Duration.ofDays(7));
        Duration interval = config.duration("tessera.bearer.jwks.min-refresh-interval", d.minRefreshInterval(),
                Duration.ZERO, Duration.ofMinutes(10));
        if (minTtl.compareTo(maxTtl) > 0) {
            config.problem("tessera.bearer.jwks.min-ttl", "must not exceed tessera.bearer.jwks.max-ttl");
            return d;
        }
        if (ttl.compareTo(minTtl) < 0 || ttl.compareTo(maxTtl) > 0) {
            config.problem("tessera.bearer.jwks.ttl", "must lie between tessera.bearer.jwks.min-ttl and tessera.bearer.jwks.max-ttl");
            return d;
        }
        return new KeyRefreshPolicy(ttl, minTtl, maxTtl, interval);
    }
}
