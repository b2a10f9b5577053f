package dev.tessera.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads one outbound client from {@code tessera.client.<name>.*} into {@link ClientSettings}. Every bad or
 * contradictory key is recorded on the reader, naming the client and the key. The rules about values live in the
 * records; this class only finds keys that are missing, unknown or contradict each other, and says which key a
 * record's refusal ({@link SettingRefusedException}) is about. Also the one place that spells client key names.
 */
public final class ClientConfig {

    private static final String PREFIX = "tessera.client.";
    private static final Set<String> KEYS = Set.of("token-endpoint", "issuer", "token", "client-id", "client-secret",
            "auth-method", "basic-encoding", "private-key", "private-key.location", "private-key.id",
            "private-key.algorithm", "scope", "audience", "resource", "refresh-margin", "expiry-margin",
            "default-lifetime", "token-timeout", "retry.max-attempts", "retry.initial-backoff", "retry.max-backoff",
            "http.connect-timeout", "http.read-timeout", "http.max-response-bytes", "allow-insecure-http", "grant",
            "authorization-endpoint", "revocation-endpoint", "revoke-on-logout", "pkce", "redirect-uri", "start-path",
            "logout-path", "state-lifetime", "pkce.verifier-on-refresh");
    /** Keys only the authorization code grant reads. */
    private static final Set<String> AUTHORIZATION_CODE_KEYS = Set.of("authorization-endpoint", "revocation-endpoint",
            "revoke-on-logout", "pkce", "redirect-uri", "start-path", "logout-path", "state-lifetime", "pkce.verifier-on-refresh");
    /** Keys the authorization code grant does not read. */
    private static final Set<String> NOT_AUTHORIZATION_CODE_KEYS = Set.of("token", "audience", "resource",
            "refresh-margin", "retry.max-attempts", "retry.initial-backoff", "retry.max-backoff");
    private static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final String AUTHORIZATION_CODE = "authorization_code";
    private static final Set<String> REQUEST_KEYS = Set.of("client-id", "client-secret", "auth-method", "basic-encoding",
            "private-key", "private-key.location", "private-key.id", "private-key.algorithm", "scope", "audience", "resource");

    private final ConfigReader config;
    private final String name;
    private final String prefix;

    private ClientConfig(ConfigReader config, String name) {
        this.config = config;
        this.name = name;
        this.prefix = PREFIX + name + ".";
    }

    /** The names of the clients configured as properties (clients set only by environment variables are not listed). */
    public static Set<String> configuredNames(ConfigReader config) {
        Set<String> names = new TreeSet<>();
        for (String key : config.namesStartingWith(PREFIX)) {
            int dot = key.indexOf('.', PREFIX.length());
            if (dot > PREFIX.length()) {
                names.add(key.substring(PREFIX.length(), dot));
            }
        }
        return names;
    }

    /**
     * Reads client {@code name}; every bad or contradictory key is recorded on the reader. Empty when the reader has
     * problems afterwards, so use one reader per client.
     */
    public static Optional<ClientSettings> read(ConfigReader config, String name) {
        if (!ClientSettings.isValidName(name)) {
            config.problem(PREFIX + "<name>", "client name '" + name + "' must consist of letters, digits, '-' and '_'");
            return Optional.empty();
        }
        return new ClientConfig(config, name).read();
    }

    /** The key that says where the client's token requests go. */
    public static String endpointKey(String client, TokenEndpointLocation endpoint) {
        return PREFIX + client + (endpoint instanceof TokenEndpointLocation.Fixed ? ".token-endpoint" : ".issuer");
    }

    /** The key that holds (or locates) the client's private key. */
    public static String privateKeyKey(String client, ClientKey key) {
        return PREFIX + client + (key.location().isPresent() ? ".private-key.location" : ".private-key");
    }

    /** The key that chooses the Basic encoding of the client's credentials. */
    public static String basicEncodingKey(String client) {
        return PREFIX + client + ".basic-encoding";
    }

    /** Every URL of an authorization code client, by the key that sets it (in order), for checks such as https. */
    public static Map<String, URI> urlsByKey(ClientSettings.AuthorizationCode settings) {
        String prefix = PREFIX + settings.name() + ".";
        AuthorizationCodeGrant grant = settings.grant();
        Map<String, URI> urls = new LinkedHashMap<>();
        if (grant.server() instanceof AuthorizationServer.Endpoints endpoints) {
            urls.put(prefix + "authorization-endpoint", endpoints.authorizationEndpoint());
            urls.put(prefix + "token-endpoint", endpoints.tokenEndpoint());
        } else {
            urls.put(prefix + "issuer", ((AuthorizationServer.Discovered) grant.server()).issuer());
        }
        grant.revocation().ifPresent(r -> urls.put(prefix + "revocation-endpoint", r));
        urls.put(prefix + "redirect-uri", grant.redirectUri());
        return urls;
    }

    /** The key that chooses a client's grant. */
    public static String grantKey(String client) {
        return PREFIX + client + ".grant";
    }

    /** Whether client {@code client} is configured for the authorization code grant (tokens on behalf of users). */
    public static boolean isAuthorizationCode(ConfigReader config, String client) {
        return config.string(grantKey(client)).filter(AUTHORIZATION_CODE::equals).isPresent();
    }

    /** The key of the redirect URI of an authorization code client. */
    public static String redirectUriKey(String client) {
        return PREFIX + client + ".redirect-uri";
    }

    /** The problem line for a client that is looked up but not configured at all. */
    public static String notConfigured(String client) {
        return PREFIX + client + ".token-endpoint: " + notConfiguredMessage(client);
    }

    private static String notConfiguredMessage(String client) {
        String prefix = PREFIX + client + ".";
        return "client '" + client + "' is not configured: set one of " + prefix + "token-endpoint, " + prefix + "issuer or "
                + prefix + "token";
    }

    private Optional<ClientSettings> read() {
        Set<String> present = presentKeys();
        String grant = string("grant").orElse(CLIENT_CREDENTIALS);
        if (grant.equals(AUTHORIZATION_CODE)) {
            Optional<ClientSettings.AuthorizationCode> settings = readAuthorizationCode(present);
            return config.hasProblems() ? Optional.empty() : settings.map(ClientSettings.class::cast);
        }
        if (!grant.equals(CLIENT_CREDENTIALS)) {
            problem("grant", "client '" + name + "': grant must be " + CLIENT_CREDENTIALS + " or " + AUTHORIZATION_CODE
                    + ", was '" + grant + "'");
        }
        for (String key : new TreeSet<>(AUTHORIZATION_CODE_KEYS)) {
            if (present.contains(key)) {
                problem(key, "client '" + name + "': " + key + " is only used with grant=" + AUTHORIZATION_CODE);
            }
        }
        Optional<String> token = string("token");
        boolean endpointSet = string("token-endpoint").isPresent();
        boolean issuerSet = string("issuer").isPresent();
        int origins = (endpointSet ? 1 : 0) + (issuerSet ? 1 : 0) + (token.isPresent() ? 1 : 0);
        if (origins == 0) {
            problem("token-endpoint", notConfiguredMessage(name));
            // nothing else is worth saying about a client that is not there
            return Optional.empty();
        } else if (origins > 1) {
            problem("token-endpoint", "client '" + name + "' sets more than one of token-endpoint, issuer and token; set exactly one");
        }
        Optional<? extends ClientSettings> settings;
        if (token.isPresent()) {
            for (String key : new TreeSet<>(REQUEST_KEYS)) {
                if (present.contains(key) || string(key).isPresent()) {
                    problem(key, "client '" + name + "' uses a fixed token; " + key + " would be ignored, remove it");
                }
            }
            present.stream().filter(k -> k.startsWith("param.")).forEach(k ->
                    problem(k, "client '" + name + "' uses a fixed token; parameters would be ignored, remove it"));
            readCache();
            readRetry();
            FetchConfig.read(config, PREFIX + name);
            settings = build(() -> new ClientSettings.Direct(name, token.get()));
        } else {
            Optional<TokenEndpointLocation> endpoint = endpointSet
                    ? config.uri(prefix + "token-endpoint").map(TokenEndpointLocation.Fixed::new)
                    : config.uri(prefix + "issuer").map(TokenEndpointLocation.Discovered::new);
            Optional<TokenRequestSettings> request = readRequest(endpoint, present);
            TokenCachePolicy cache = readCache();
            RetryPolicy retry = readRetry();
            FetchPolicy fetch = FetchConfig.read(config, PREFIX + name);
            settings = request.flatMap(r -> build(() -> new ClientSettings.Requested(name, r, cache, retry, fetch)));
        }
        return config.hasProblems() ? Optional.empty() : settings.map(ClientSettings.class::cast);
    }

    /** The keys of this client, relative to its prefix; unknown ones are problems. */
    private Set<String> presentKeys() {
        Set<String> present = new TreeSet<>();
        for (String key : config.namesStartingWith(prefix)) {
            String relative = key.substring(prefix.length());
            if (!KEYS.contains(relative) && !relative.startsWith("param.")) {
                config.problem(key, "unknown key of client '" + name + "'; known keys are " + new TreeSet<>(KEYS) + " and param.<name>");
            }
            present.add(relative);
        }
        return present;
    }

    private Optional<TokenRequestSettings> readRequest(Optional<TokenEndpointLocation> endpoint, Set<String> present) {
        Optional<String> clientId = string("client-id");
        if (clientId.isEmpty()) {
            problem("client-id", "client '" + name + "' needs a client id");
        }
        Optional<ClientAuthMethod> method = readMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).filter(m -> {
            if (m == ClientAuthMethod.NONE) {
                problem("auth-method", "client '" + name + "': the client credentials grant needs client authentication;"
                        + " auth-method none is for grant=" + AUTHORIZATION_CODE);
            }
            return m != ClientAuthMethod.NONE;
        });
        Optional<ClientAuthentication> authentication = method.flatMap(m -> readAuthentication(m, present));
        Optional<ClientCredentialsGrant> grant = readGrant(present);
        if (clientId.isEmpty() || endpoint.isEmpty() || authentication.isEmpty() || grant.isEmpty()) {
            return Optional.empty();
        }
        return build(() -> new TokenRequestSettings(endpoint.get(), clientId.get(), authentication.get(), grant.get()));
    }

    /** Reads a client of the authorization code grant; keys of other grants are problems. */
    private Optional<ClientSettings.AuthorizationCode> readAuthorizationCode(Set<String> present) {
        for (String key : new TreeSet<>(NOT_AUTHORIZATION_CODE_KEYS)) {
            if (present.contains(key)) {
                problem(key, "client '" + name + "': " + key + " is not used with grant=" + AUTHORIZATION_CODE + "; remove it");
            }
        }
        Optional<AuthorizationServer> server = readAuthorizationServer();
        Optional<URI> revocation = config.uri(prefix + "revocation-endpoint");
        Optional<String> clientId = string("client-id");
        if (clientId.isEmpty()) {
            problem("client-id", "client '" + name + "' needs a client id");
        }
        boolean secretSet = string("client-secret").isPresent();
        Optional<ClientAuthentication> authentication = readMethod(secretSet ? ClientAuthMethod.CLIENT_SECRET_BASIC
                : ClientAuthMethod.NONE).flatMap(m -> readAuthentication(m, present));
        Optional<URI> redirect = config.uri(prefix + "redirect-uri");
        if (string("redirect-uri").isEmpty()) {
            problem("redirect-uri", "client '" + name + "' needs the redirect URI registered at the provider");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        present.stream().filter(k -> k.startsWith("param."))
                .forEach(k -> string(k).ifPresent(v -> extra.put(k.substring("param.".length()), v)));
        boolean revoke = config.bool(prefix + "revoke-on-logout", false);
        boolean pkce = config.bool(prefix + "pkce", true);
        boolean verifierOnRefresh = config.bool(prefix + "pkce.verifier-on-refresh", false);
        String start = string("start-path").orElse("/oauth/" + name + "/start");
        String logout = string("logout-path").orElse("/oauth/" + name + "/logout");
        Duration stateLifetime = config.duration(prefix + "state-lifetime", Duration.ofMinutes(10), Duration.ofSeconds(10),
                Duration.ofHours(1));
        TokenCachePolicy d = TokenCachePolicy.DEFAULT;
        Duration expiry = config.duration(prefix + "expiry-margin", d.expiryMargin(), Duration.ZERO, Duration.ofHours(1));
        Duration lifetime = config.duration(prefix + "default-lifetime", d.defaultLifetime(), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration wait = config.duration(prefix + "token-timeout", d.waitTimeout(), Duration.ofMillis(10), Duration.ofMinutes(5));
        FetchPolicy fetch = FetchConfig.read(config, PREFIX + name);
        if (server.isEmpty() || clientId.isEmpty() || authentication.isEmpty() || redirect.isEmpty() || config.hasProblems()) {
            return Optional.empty();
        }
        Optional<AuthorizationCodeGrant> grant = build(() -> new AuthorizationCodeGrant(server.get(), revocation, revoke,
                clientId.get(), authentication.get(), pkce, redirect.get(), scope(), extra, start, logout, stateLifetime,
                verifierOnRefresh));
        Optional<TokenCachePolicy> cache = build(() -> new TokenCachePolicy(expiry, expiry, lifetime, wait));
        return grant.flatMap(g -> cache.flatMap(c -> build(() -> new ClientSettings.AuthorizationCode(name, g, c, fetch))));
    }

    /** {@code issuer}, or both {@code authorization-endpoint} and {@code token-endpoint}. */
    private Optional<AuthorizationServer> readAuthorizationServer() {
        boolean issuerSet = string("issuer").isPresent();
        boolean authorizationSet = string("authorization-endpoint").isPresent();
        boolean tokenSet = string("token-endpoint").isPresent();
        if (issuerSet && (authorizationSet || tokenSet)) {
            problem("issuer", "client '" + name + "' sets issuer and endpoints; set either issuer or both"
                    + " authorization-endpoint and token-endpoint");
            return Optional.empty();
        }
        if (issuerSet) {
            return config.uri(prefix + "issuer").map(AuthorizationServer.Discovered::new);
        }
        if (!authorizationSet || !tokenSet) {
            problem(authorizationSet ? "token-endpoint" : "authorization-endpoint", "client '" + name + "' uses grant="
                    + AUTHORIZATION_CODE + " and needs issuer, or both authorization-endpoint and token-endpoint");
            return Optional.empty();
        }
        Optional<URI> authorization = config.uri(prefix + "authorization-endpoint");
        Optional<URI> token = config.uri(prefix + "token-endpoint");
        return authorization.flatMap(a -> token.flatMap(t -> build(() -> new AuthorizationServer.Endpoints(a, t))));
    }

    /** The configured {@code auth-method}, or {@code fallback} when none is set. */
    private Optional<ClientAuthMethod> readMethod(ClientAuthMethod fallback) {
        return string("auth-method").map(value -> {
            Optional<ClientAuthMethod> parsed = ClientAuthMethod.parse(value);
            if (parsed.isEmpty()) {
                problem("auth-method", "client '" + name + "': unknown auth method '" + value + "'; use one of "
                        + Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::configName).toList());
            }
            return parsed;
        }).orElse(Optional.of(fallback));
    }

    private Set<String> scope() {
        Set<String> scope = new LinkedHashSet<>();
        string("scope").ifPresent(v -> Arrays.stream(v.split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(scope::add));
        return scope;
    }

    /** The authentication of {@code method}, with the secret or key it needs; keys it would ignore are problems. */
    private Optional<ClientAuthentication> readAuthentication(ClientAuthMethod method, Set<String> present) {
        Optional<String> secret = string("client-secret");
        if (method.usesSecret() && secret.isEmpty()) {
            problem("client-secret", "client '" + name + "' needs a client secret for auth-method " + method.configName());
        }
        if (!method.usesSecret() && secret.isPresent()) {
            problem("client-secret", "client '" + name + "' uses " + method.configName()
                    + ", which sends no secret; remove the client secret");
        }
        boolean keyGiven = present.stream().anyMatch(k -> k.startsWith("private-key"));
        if (method != ClientAuthMethod.PRIVATE_KEY_JWT && keyGiven) {
            problem("private-key", "client '" + name + "' uses " + method.configName()
                    + "; a private key is only used with auth-method private_key_jwt");
        }
        Optional<String> encodingName = string("basic-encoding");
        if (method != ClientAuthMethod.CLIENT_SECRET_BASIC && encodingName.isPresent()) {
            problem("basic-encoding", "client '" + name + "' uses " + method.configName()
                    + "; basic-encoding is only used with auth-method client_secret_basic");
        }
        Optional<BasicEncoding> encoding = encodingName.map(value -> {
            Optional<BasicEncoding> parsed = BasicEncoding.parse(value);
            if (parsed.isEmpty()) {
                problem("basic-encoding", "client '" + name + "': must be form or raw, was '" + value + "'");
            }
            return parsed;
        }).orElse(Optional.of(BasicEncoding.FORM));
        return switch (method) {
            case CLIENT_SECRET_BASIC -> secret.flatMap(s -> encoding.map(e -> new ClientAuthentication.SecretBasic(s, e)));
            case CLIENT_SECRET_POST -> secret.map(ClientAuthentication.SecretPost::new);
            case CLIENT_SECRET_JSON -> secret.map(ClientAuthentication.SecretJson::new);
            case PRIVATE_KEY_JWT -> readKey().map(ClientAuthentication.PrivateKeyJwt::new);
            case NONE -> Optional.of(new ClientAuthentication.None());
        };
    }

    private Optional<ClientKey> readKey() {
        Optional<String> location = string("private-key.location");
        Optional<String> value = string("private-key");
        Optional<String> keyId = string("private-key.id");
        Optional<String> algorithm = string("private-key.algorithm");
        if (location.isEmpty() && value.isEmpty()) {
            problem("private-key.location", "client '" + name + "' uses private_key_jwt and needs " + prefix
                    + "private-key.location or " + prefix + "private-key");
            return Optional.empty();
        }
        return build(() -> new ClientKey(location, value, keyId, algorithm));
    }

    private Optional<ClientCredentialsGrant> readGrant(Set<String> present) {
        Set<String> scope = scope();
        List<URI> resources = config.list(prefix + "resource").stream().map(value -> {
            try {
                return new URI(value);
            } catch (URISyntaxException e) {
                problem("resource", "client '" + name + "': '" + value + "' is not a URI (RFC 3986)");
                return null;
            }
        }).filter(Objects::nonNull).toList();
        Map<String, String> extra = new LinkedHashMap<>();
        // values are not echoed anywhere: a parameter may carry a secret
        present.stream().filter(k -> k.startsWith("param."))
                .forEach(k -> string(k).ifPresent(v -> extra.put(k.substring("param.".length()), v)));
        return build(() -> new ClientCredentialsGrant(scope, string("audience"), resources, extra));
    }

    private TokenCachePolicy readCache() {
        TokenCachePolicy d = TokenCachePolicy.DEFAULT;
        Duration refresh = config.duration(prefix + "refresh-margin", d.refreshMargin(), Duration.ZERO, Duration.ofHours(1));
        Duration expiry = config.duration(prefix + "expiry-margin", d.expiryMargin(), Duration.ZERO, Duration.ofHours(1));
        Duration lifetime = config.duration(prefix + "default-lifetime", d.defaultLifetime(), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration wait = config.duration(prefix + "token-timeout", d.waitTimeout(), Duration.ofMillis(10), Duration.ofMinutes(5));
        return build(() -> new TokenCachePolicy(refresh, expiry, lifetime, wait)).orElse(d);
    }

    private RetryPolicy readRetry() {
        RetryPolicy d = RetryPolicy.DEFAULT;
        int attempts = config.integer(prefix + "retry.max-attempts", d.maxAttempts(), 1, 10);
        Duration initial = config.duration(prefix + "retry.initial-backoff", d.initialBackoff(), Duration.ZERO, Duration.ofMinutes(1));
        Duration max = config.duration(prefix + "retry.max-backoff", d.maxBackoff(), Duration.ZERO, Duration.ofMinutes(5));
        return build(() -> new RetryPolicy(attempts, initial, max)).orElse(d);
    }

    /**
     * Builds a record, turning its refusal into a problem on the key the refusal names. {@link ConfigReader#build}
     * names one key chosen beforehand; a record such as {@link ClientKey} guards several keys, so it says which.
     */
    private <T> Optional<T> build(Supplier<T> record) {
        try {
            return Optional.of(record.get());
        } catch (SettingRefusedException e) {
            problem(e.key(), "client '" + name + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> string(String key) {
        return config.string(prefix + key);
    }

    private void problem(String key, String message) {
        config.problem(prefix + key, message);
    }
}
