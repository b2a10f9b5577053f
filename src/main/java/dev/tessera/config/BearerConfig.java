package dev.tessera.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.jose.KeyManagementAlgorithm;

/**
 * Reads the inbound settings from MicroProfile Config: the {@code mp.jwt.*} keys of MicroProfile JWT 2.1 that Tessera
 * supports and its own {@code tessera.bearer.*} keys. It owns those key names. Rules live in the settings records; this
 * reader parses values and names the key whose value broke a rule. Unknown {@code tessera.bearer.*} keys are errors;
 * {@code mp.jwt.*} keys that MicroProfile JWT does not define get a warning naming the nearest real key.
 */
public final class BearerConfig {

    public static final String ISSUER = "mp.jwt.verify.issuer";
    public static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    public static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    public static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    public static final String AUDIENCES = "mp.jwt.verify.audiences";
    public static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    public static final String TOKEN_AGE = "mp.jwt.verify.token.age";
    public static final String TOKEN_HEADER = "mp.jwt.token.header";
    public static final String TOKEN_COOKIE = "mp.jwt.token.cookie";
    public static final String DECRYPT_KEY_LOCATION = "mp.jwt.decrypt.key.location";
    public static final String DECRYPT_KEY_ALGORITHM = "mp.jwt.decrypt.key.algorithm";

    static final String PREFIX = "tessera.bearer.";
    public static final String ISSUERS = PREFIX + "issuers";
    public static final String REALM = PREFIX + "realm";
    public static final String REQUIRE_ACCESS_TOKEN_TYPE = PREFIX + "require-access-token-type";
    public static final String ROLES_CLAIM = PREFIX + "roles-claim";
    public static final String MAX_TOKEN_LENGTH = PREFIX + "max-token-length";
    public static final String RSA_MIN_KEY_BITS = PREFIX + "rsa.min-key-bits";
    public static final String JWKS_TTL = PREFIX + "jwks.ttl";
    public static final String JWKS_MIN_TTL = PREFIX + "jwks.min-ttl";
    public static final String JWKS_MAX_TTL = PREFIX + "jwks.max-ttl";
    public static final String JWKS_MIN_REFRESH_INTERVAL = PREFIX + "jwks.min-refresh-interval";
    public static final String JWKS_MAX_WAIT = PREFIX + "jwks.max-wait";
    public static final String TOKEN_CACHE_ENABLED = PREFIX + "token-cache.enabled";
    public static final String TOKEN_CACHE_MAX_ENTRIES = PREFIX + "token-cache.max-entries";
    public static final String TOKEN_CACHE_MAX_BYTES = PREFIX + "token-cache.max-bytes";

    /** Every key of MicroProfile JWT 2.1 §9. */
    static final Set<String> MP_JWT_KEYS = Set.of(ISSUER, PUBLIC_KEY, PUBLIC_KEY_LOCATION, ALGORITHM, AUDIENCES,
            CLOCK_SKEW, TOKEN_AGE, TOKEN_HEADER, TOKEN_COOKIE, DECRYPT_KEY_LOCATION, DECRYPT_KEY_ALGORITHM);

    static final Set<String> TESSERA_KEYS = tesseraKeys();

    private static final Logger LOG = Logger.getLogger(BearerConfig.class.getName());

    private BearerConfig() {
    }

    /** Whether the application configured the inbound side at all; if not, the mechanism stays out of the way. */
    public static boolean isConfigured(ConfigReader config) {
        return config.string(ISSUER).isPresent() || config.string(PUBLIC_KEY_LOCATION).isPresent()
                || config.string(PUBLIC_KEY).isPresent() || config.string(DECRYPT_KEY_LOCATION).isPresent();
    }

    /**
     * Reads the inbound settings; bad keys are recorded on the reader (call {@link ConfigReader#throwIfProblems()}
     * afterwards). Empty when the inbound side is not configured or when the settings are unusable.
     */
    public static Optional<BearerSettings> read(ConfigReader config) {
        if (!isConfigured(config)) {
            return Optional.empty();
        }
        checkKeyNames(config);
        Optional<Decryption> decryption = readDecryption(config);
        Optional<Trust> trust = readTrust(config, decryption.isPresent());
        Optional<VerificationRules> rules = readRules(config);
        Optional<TokenLocation> location = readLocation(config);
        String realm = config.string(REALM).orElse(BearerSettings.DEFAULT_REALM);
        Optional<KeyRefreshPolicy> keyRefresh = readKeyRefresh(config);
        FetchPolicy fetch = FetchConfig.read(config, PREFIX.substring(0, PREFIX.length() - 1));
        Optional<TokenCacheSettings> tokenCache = readTokenCache(config);
        if (config.hasProblems() || trust.isEmpty() || rules.isEmpty() || location.isEmpty() || keyRefresh.isEmpty()
                || tokenCache.isEmpty()) {
            return Optional.empty();
        }
        return config.build(REALM, () -> new BearerSettings(trust.get(), rules.get(), location.get(), realm,
                keyRefresh.get(), fetch, tokenCache.get(), decryption));
    }

    /** MicroProfile JWT 2.1 §9.3: the decryption key and, optionally, the one accepted key management algorithm. */
    private static Optional<Decryption> readDecryption(ConfigReader config) {
        Optional<String> location = config.string(DECRYPT_KEY_LOCATION);
        Optional<String> algorithm = config.string(DECRYPT_KEY_ALGORITHM);
        if (location.isEmpty()) {
            if (algorithm.isPresent()) {
                config.problem(DECRYPT_KEY_ALGORITHM, "needs " + DECRYPT_KEY_LOCATION + " as well");
            }
            return Optional.empty();
        }
        Set<KeyManagementAlgorithm> algorithms = Decryption.DEFAULT_ALGORITHMS;
        if (algorithm.isPresent()) {
            Optional<KeyManagementAlgorithm> parsed = KeyManagementAlgorithm.parse(algorithm.get().strip());
            if (parsed.isEmpty()) {
                config.problem(DECRYPT_KEY_ALGORITHM, "'" + algorithm.get() + "' is not supported; use RSA-OAEP or RSA-OAEP-256");
                return Optional.empty();
            }
            algorithms = Set.of(parsed.get());
        }
        Set<KeyManagementAlgorithm> accepted = algorithms;
        return config.build(DECRYPT_KEY_LOCATION, () -> new Decryption(location.get(), accepted));
    }

    private static Optional<Trust> readTrust(ConfigReader config, boolean decrypts) {
        Optional<String> location = config.string(PUBLIC_KEY_LOCATION);
        Optional<String> inline = config.string(PUBLIC_KEY);
        if (location.isPresent() && inline.isPresent()) {
            config.problem(PUBLIC_KEY, "set either " + PUBLIC_KEY + " or " + PUBLIC_KEY_LOCATION + ", not both");
            return Optional.empty();
        }
        Optional<KeyOrigin> configured = location.isPresent() ? keysAt(config, location.get())
                : inline.map(KeyOrigin.Inline::new);
        if (location.isPresent() && configured.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> first = config.uri(ISSUER);
        List<URI> further = new ArrayList<>();
        config.list(ISSUERS).forEach(value -> config.uri(ISSUERS, value).ifPresent(further::add));
        if (config.string(ISSUER).isEmpty() && !further.isEmpty()) {
            config.problem(ISSUERS, "further issuers need " + ISSUER + " to be set as well");
            return Optional.empty();
        }
        if (config.string(ISSUER).isPresent() && first.isEmpty()) {
            return Optional.empty();
        }
        if (decrypts && configured.isEmpty() && config.string(ISSUER).isEmpty()) {
            // MicroProfile JWT 2.1 §9.3: a decryption key without verification keys accepts encrypted, unsigned claims
            return Optional.of(new Trust.EncryptedClaims());
        }
        List<URI> issuers = new ArrayList<>();
        first.ifPresent(issuers::add);
        issuers.addAll(further);
        return config.build(ISSUERS, () -> Trust.of(issuers, configured));
    }

    private static Optional<KeyOrigin> keysAt(ConfigReader config, String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:")) {
            return config.uri(PUBLIC_KEY_LOCATION).map(KeyOrigin.KeysUrl::new);
        }
        return config.build(PUBLIC_KEY_LOCATION, () -> new KeyOrigin.Location(location));
    }

    private static Optional<VerificationRules> readRules(ConfigReader config) {
        Set<JwsAlgorithm> algorithms = new LinkedHashSet<>();
        List<String> configured = config.list(ALGORITHM);
        if (configured.isEmpty()) {
            algorithms.addAll(VerificationRules.ALL_ALGORITHMS);
        }
        for (String alg : configured) {
            JwsAlgorithm.parse(alg).ifPresentOrElse(algorithms::add, () -> config.problem(ALGORITHM, "'" + alg
                    + "' is not allowed; use asymmetric algorithms from " + Arrays.toString(JwsAlgorithm.values())));
        }
        Set<String> audiences = new LinkedHashSet<>(config.list(AUDIENCES));
        Duration skew = config.seconds(CLOCK_SKEW).orElse(Duration.ofSeconds(60));
        Optional<Duration> tokenAge = config.seconds(TOKEN_AGE);
        boolean strictType = config.bool(REQUIRE_ACCESS_TOKEN_TYPE, false);
        List<String> rolesClaims = config.list(ROLES_CLAIM);
        int maxLength = config.integer(MAX_TOKEN_LENGTH, VerificationRules.DEFAULT_MAX_TOKEN_LENGTH,
                VerificationRules.MIN_MAX_TOKEN_LENGTH, 1024 * 1024);
        int minRsaBits = config.integer(RSA_MIN_KEY_BITS, JwsAlgorithm.MIN_RSA_BITS, JwsAlgorithm.LOWEST_RSA_BITS, 16384);
        if (minRsaBits < JwsAlgorithm.MIN_RSA_BITS) {
            LOG.warning(() -> RSA_MIN_KEY_BITS + "=" + minRsaBits + " accepts RSA verification keys smaller than the "
                    + JwsAlgorithm.MIN_RSA_BITS + " bits RFC 7518 §3.3 requires; such keys can be factored by a"
                    + " well-funded attacker. Use it only for legacy issuers and remove it once they rotate their keys.");
        }
        if (algorithms.isEmpty()) {
            return Optional.empty();
        }
        return config.build(ROLES_CLAIM, () -> new VerificationRules(algorithms, audiences, skew, tokenAge, strictType,
                rolesClaims.isEmpty() ? List.of("groups") : rolesClaims, maxLength, minRsaBits));
    }

    private static Optional<TokenLocation> readLocation(ConfigReader config) {
        String header = config.string(TOKEN_HEADER).orElse("Authorization");
        if (header.equalsIgnoreCase("Authorization")) {
            return Optional.of(TokenLocation.AUTHORIZATION_HEADER);
        }
        if (header.equalsIgnoreCase("Cookie")) {
            String name = config.string(TOKEN_COOKIE).orElse("Bearer");
            return config.build(TOKEN_COOKIE, () -> new TokenLocation.Cookie(name));
        }
        config.problem(TOKEN_HEADER, "must be Authorization or Cookie, was '" + header + "'");
        return Optional.empty();
    }

    private static Optional<KeyRefreshPolicy> readKeyRefresh(ConfigReader config) {
        KeyRefreshPolicy d = KeyRefreshPolicy.DEFAULT;
        Duration week = Duration.ofDays(7);
        Duration minTtl = config.duration(JWKS_MIN_TTL, d.minTtl(), Duration.ofSeconds(1), week);
        Duration maxTtl = config.duration(JWKS_MAX_TTL, d.maxTtl(), Duration.ofSeconds(1), week);
        Duration ttl = config.duration(JWKS_TTL, d.defaultTtl(), Duration.ofSeconds(1), week);
        Duration interval = config.duration(JWKS_MIN_REFRESH_INTERVAL, d.minRefreshInterval(), Duration.ZERO,
                Duration.ofMinutes(10));
        Duration maxWait = config.duration(JWKS_MAX_WAIT, d.maxWait(), Duration.ZERO, Duration.ofSeconds(30));
        return config.build(JWKS_TTL + ", " + JWKS_MIN_TTL + ", " + JWKS_MAX_TTL,
                () -> new KeyRefreshPolicy(ttl, minTtl, maxTtl, interval, maxWait));
    }

    private static Optional<TokenCacheSettings> readTokenCache(ConfigReader config) {
        TokenCacheSettings d = TokenCacheSettings.DEFAULT;
        boolean enabled = config.bool(TOKEN_CACHE_ENABLED, d.enabled());
        int entries = config.integer(TOKEN_CACHE_MAX_ENTRIES, d.maxEntries(), 2, 10_000_000);
        int bytes = config.integer(TOKEN_CACHE_MAX_BYTES, (int) d.maxBytes(), 64 * 1024, Integer.MAX_VALUE);
        return config.build(TOKEN_CACHE_MAX_ENTRIES, () -> new TokenCacheSettings(enabled, entries, bytes));
    }

    /**
     * A misspelt {@code tessera.bearer.*} key would silently leave a rule unchecked: it fails the deployment. A
     * misspelt {@code mp.jwt.*} key gets a warning, since other MicroProfile JWT implementations may share the
     * configuration. Environment variables are compared in their MicroProfile Config form ({@code TESSERA_BEARER_REALM}).
     */
    private static void checkKeyNames(ConfigReader config) {
        for (String name : config.namesStartingWith(PREFIX)) {
            if (!TESSERA_KEYS.contains(name)) {
                config.problem(name, "is not a key of Tessera" + suggestion(name, TESSERA_KEYS)
                        + "; known keys are " + new TreeSet<>(TESSERA_KEYS));
            }
        }
        Set<String> environmentKeys = new TreeSet<>();
        TESSERA_KEYS.forEach(key -> environmentKeys.add(ConfigReader.environmentForm(key)));
        for (String name : config.environmentNamesStartingWith(PREFIX)) {
            if (!environmentKeys.contains(name)) {
                config.problem(name, "is not a key of Tessera" + suggestion(name, environmentKeys));
            }
        }
        for (String name : config.namesStartingWith("mp.jwt.")) {
            if (!MP_JWT_KEYS.contains(name)) {
                LOG.warning(() -> name + " is not a MicroProfile JWT key and is ignored"
                        + suggestion(name, MP_JWT_KEYS));
            }
        }
    }

    private static String suggestion(String name, Set<String> known) {
        return ConfigReader.closest(name, known).map(key -> "; did you mean " + key + "?").orElse("");
    }

    private static Set<String> tesseraKeys() {
        Set<String> keys = new TreeSet<>(Set.of(ISSUERS, REALM, REQUIRE_ACCESS_TOKEN_TYPE, ROLES_CLAIM, MAX_TOKEN_LENGTH,
                RSA_MIN_KEY_BITS,
                JWKS_TTL, JWKS_MIN_TTL, JWKS_MAX_TTL, JWKS_MIN_REFRESH_INTERVAL, JWKS_MAX_WAIT, TOKEN_CACHE_ENABLED,
                TOKEN_CACHE_MAX_ENTRIES, TOKEN_CACHE_MAX_BYTES));
        FetchConfig.KEYS.forEach(key -> keys.add(PREFIX + key));
        return Set.copyOf(keys);
    }
}
