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
            "http.connect-timeout", "http.read-timeout", "http.max-response-bytes", "allow-insecure-http");
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
        Optional<ClientAuthMethod> method = string("auth-method").map(value -> {
            Optional<ClientAuthMethod> parsed = ClientAuthMethod.parse(value);
            if (parsed.isEmpty()) {
                problem("auth-method", "client '" + name + "': unknown auth method '" + value + "'; use one of "
                        + Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::configName).toList());
            }
            return parsed;
        }).orElse(Optional.of(ClientAuthMethod.CLIENT_SECRET_BASIC));
        Optional<ClientAuthentication> authentication = method.flatMap(m -> readAuthentication(m, present));
        Optional<ClientCredentialsGrant> grant = readGrant(present);
        if (clientId.isEmpty() || endpoint.isEmpty() || authentication.isEmpty() || grant.isEmpty()) {
            return Optional.empty();
        }
        return build(() -> new TokenRequestSettings(endpoint.get(), clientId.get(), authentication.get(), grant.get()));
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
        Set<String> scope = new LinkedHashSet<>();
        string("scope").ifPresent(v -> Arrays.stream(v.split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(scope::add));
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
