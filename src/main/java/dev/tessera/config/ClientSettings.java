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
import java.util.regex.Pattern;

/**
 * One outbound client ({@code tessera.client.<name>.*}): either a fixed token, or how to request tokens
 * with the client credentials grant, plus caching, retry and HTTP bounds.
 *
 * @param name    the client name used in {@code @ClientCredentials("name")}
 * @param token   a long-lived token used as it is (secret); exactly one of token and request is present
 * @param request how to obtain tokens from a token endpoint
 * @param cache   when cached tokens are refreshed
 * @param retry   how failed token requests are retried
 * @param fetch   timeouts, size limit and whether plain http is allowed beyond loopback
 */
public record ClientSettings(String name, Optional<String> token, Optional<TokenRequestSettings> request,
        TokenCachePolicy cache, RetryPolicy retry, FetchPolicy fetch) {

    /** Prefix of every client key. */
    public static final String PREFIX = "tessera.client.";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    // RFC 6750 §2.1 b64token: anything else could not travel in an Authorization header
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Set<String> KEYS = Set.of("token-endpoint", "issuer", "token", "client-id", "client-secret",
            "auth-method", "private-key", "private-key.location", "private-key.id", "private-key.algorithm", "scope",
            "audience", "resource", "refresh-margin", "expiry-margin", "default-lifetime", "token-timeout",
            "retry.max-attempts", "retry.initial-backoff", "retry.max-backoff", "http.connect-timeout",
            "http.read-timeout", "http.max-response-bytes", "allow-insecure-http");
    private static final Set<String> REQUEST_KEYS = Set.of("client-id", "client-secret", "auth-method", "private-key",
            "private-key.location", "private-key.id", "private-key.algorithm", "scope", "audience", "resource");

    public ClientSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(fetch, "fetch");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("client name must match " + NAME.pattern());
        }
        if (token.isPresent() == request.isPresent()) {
            throw new IllegalArgumentException("exactly one of token and request is required");
        }
        if (token.isPresent() && !isTokenSyntax(token.get())) {
            throw new IllegalArgumentException("the token must be an RFC 6750 b64token");
        }
    }

    /** Whether {@code name} can name a client (letters, digits, {@code -} and {@code _}). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Whether {@code token} can be sent as a bearer token (RFC 6750 §2.1 {@code b64token}). */
    public static boolean isTokenSyntax(String token) {
        return token != null && B64TOKEN.matcher(token).matches();
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
     * Reads client {@code name}; every bad or contradictory key is recorded on the reader, naming the client and
     * the key. Empty when the reader has problems afterwards, so use one reader per client.
     */
    public static Optional<ClientSettings> read(ConfigReader config, String name) {
        if (!isValidName(name)) {
            config.problem(PREFIX + "<name>", "client name '" + name + "' must consist of letters, digits, '-' and '_'");
            return Optional.empty();
        }
        String prefix = PREFIX + name + ".";
        Set<String> present = new TreeSet<>();
        for (String key : config.namesStartingWith(prefix)) {
            String relative = key.substring(prefix.length());
            if (!KEYS.contains(relative) && !relative.startsWith("param.")) {
                config.problem(key, "unknown key of client '" + name + "'; known keys are " + new TreeSet<>(KEYS) + " and param.<name>");
            }
            present.add(relative);
        }

        Optional<URI> endpoint = config.uri(prefix + "token-endpoint");
        Optional<URI> issuer = config.uri(prefix + "issuer");
        Optional<String> token = config.string(prefix + "token");
        int origins = (config.string(prefix + "token-endpoint").isPresent() ? 1 : 0)
                + (config.string(prefix + "issuer").isPresent() ? 1 : 0) + (token.isPresent() ? 1 : 0);
        if (origins == 0) {
            config.problem(prefix + "token-endpoint", "client '" + name + "' is not configured: set one of "
                    + prefix + "token-endpoint, " + prefix + "issuer or " + prefix + "token");
            // nothing else is worth saying about a client that is not there
            return Optional.empty();
        } else if (origins > 1) {
            config.problem(prefix + "token-endpoint", "client '" + name + "' sets more than one of token-endpoint, issuer"
                    + " and token; set exactly one");
        }
        if (token.isPresent() && !isTokenSyntax(token.get())) {
            config.problem(prefix + "token", "the token of client '" + name + "' is not an RFC 6750 b64token");
        }

        Optional<TokenRequestSettings> request = Optional.empty();
        if (token.isPresent()) {
            for (String key : REQUEST_KEYS) {
                if (present.contains(key) || config.string(prefix + key).isPresent()) {
                    config.problem(prefix + key, "client '" + name + "' uses a fixed token; " + key + " would be ignored, remove it");
                }
            }
            present.stream().filter(k -> k.startsWith("param.")).forEach(k ->
                    config.problem(prefix + k, "client '" + name + "' uses a fixed token; parameters would be ignored, remove it"));
        } else {
            request = readRequest(config, name, prefix, endpoint, issuer, present);
        }

        TokenCachePolicy cache = readCache(config, name, prefix);
        RetryPolicy retry = readRetry(config, name, prefix);
        FetchPolicy fetch = FetchConfig.read(config, PREFIX + name);
        if (config.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new ClientSettings(name, token, request, cache, retry, fetch));
    }

    private static Optional<TokenRequestSettings> readRequest(ConfigReader config, String name, String prefix,
            Optional<URI> endpoint, Optional<URI> issuer, Set<String> present) {
        Optional<String> clientId = config.string(prefix + "client-id");
        if (clientId.isEmpty()) {
            config.problem(prefix + "client-id", "client '" + name + "' needs a client id");
        }
        Optional<ClientAuthMethod> method = config.string(prefix + "auth-method").map(value -> {
            Optional<ClientAuthMethod> parsed = ClientAuthMethod.parse(value);
            if (parsed.isEmpty()) {
                config.problem(prefix + "auth-method", "client '" + name + "': unknown auth method '" + value
                        + "'; use one of " + Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::configName).toList());
            }
            return parsed;
        }).orElse(Optional.of(ClientAuthMethod.CLIENT_SECRET_BASIC));
        Optional<String> secret = config.string(prefix + "client-secret");
        Optional<ClientKey> key = readKey(config, name, prefix);
        method.ifPresent(m -> {
            if (m.usesSecret() && secret.isEmpty()) {
                config.problem(prefix + "client-secret", "client '" + name + "' needs a client secret for auth-method " + m.configName());
            }
            if (!m.usesSecret() && secret.isPresent()) {
                config.problem(prefix + "client-secret", "client '" + name + "' uses " + m.configName()
                        + ", which sends no secret; remove the client secret");
            }
            boolean keyGiven = config.string(prefix + "private-key").isPresent()
                    || config.string(prefix + "private-key.location").isPresent();
            if (m == ClientAuthMethod.PRIVATE_KEY_JWT && !keyGiven) {
                config.problem(prefix + "private-key.location", "client '" + name + "' uses private_key_jwt and needs "
                        + prefix + "private-key.location or " + prefix + "private-key");
            }
            if (m != ClientAuthMethod.PRIVATE_KEY_JWT && (key.isPresent() || present.stream().anyMatch(k -> k.startsWith("private-key")))) {
                config.problem(prefix + "private-key", "client '" + name + "' uses " + m.configName()
                        + "; a private key is only used with auth-method private_key_jwt");
            }
        });

        Set<String> scope = new LinkedHashSet<>();
        config.string(prefix + "scope").ifPresent(v -> Arrays.stream(v.split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(scope::add));
        Optional<String> audience = config.string(prefix + "audience");
        List<URI> resources = config.list(prefix + "resource").stream().map(value -> {
            try {
                URI uri = new URI(value);
                if (uri.isAbsolute() && uri.getFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            config.problem(prefix + "resource", "client '" + name + "': '" + value + "' is not an absolute URI without fragment (RFC 8707 §2)");
            return null;
        }).filter(Objects::nonNull).toList();
        Map<String, String> extra = new LinkedHashMap<>();
        present.stream().filter(k -> k.startsWith("param.")).forEach(k -> {
            String parameter = k.substring("param.".length());
            if (parameter.isEmpty() || ClientCredentialsGrant.RESERVED.contains(parameter)) {
                config.problem(prefix + k, "client '" + name + "': parameter '" + parameter
                        + "' cannot be set this way; use the dedicated key");
            } else {
                // values are not echoed anywhere: a parameter may carry a secret
                config.string(prefix + k).ifPresent(v -> extra.put(parameter, v));
            }
        });

        ClientCredentialsGrant grant;
        try {
            grant = new ClientCredentialsGrant(scope, audience, resources, extra);
        } catch (IllegalArgumentException e) {
            config.problem(prefix + "scope", "client '" + name + "': " + e.getMessage());
            return Optional.empty();
        }
        if (config.hasProblems() || clientId.isEmpty() || method.isEmpty() || (endpoint.isEmpty() && issuer.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new TokenRequestSettings(endpoint, issuer, clientId.get(), method.get(),
                method.get().usesSecret() ? secret : Optional.empty(), key, grant));
    }

    private static Optional<ClientKey> readKey(ConfigReader config, String name, String prefix) {
        Optional<String> location = config.string(prefix + "private-key.location");
        Optional<String> value = config.string(prefix + "private-key");
        Optional<String> keyId = config.string(prefix + "private-key.id");
        Optional<String> algorithm = config.string(prefix + "private-key.algorithm");
        if (location.isPresent() && value.isPresent()) {
            config.problem(prefix + "private-key", "client '" + name + "' sets both private-key and private-key.location; set one");
            return Optional.empty();
        }
        if (algorithm.isPresent()) {
            String canonical = BearerConfig.canonicalAlgorithm(algorithm.get());
            if (canonical == null || canonical.equals("EdDSA")) {
                config.problem(prefix + "private-key.algorithm", "client '" + name + "': '" + algorithm.get()
                        + "' is not supported; use one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512");
                return Optional.empty();
            }
        }
        if (location.isEmpty() && value.isEmpty()) {
            if (keyId.isPresent() || algorithm.isPresent()) {
                config.problem(prefix + "private-key.location", "client '" + name + "' sets private-key.id or "
                        + "private-key.algorithm but no private-key.location or private-key");
            }
            return Optional.empty();
        }
        return Optional.of(new ClientKey(location, value, keyId, algorithm));
    }

    private static TokenCachePolicy readCache(ConfigReader config, String name, String prefix) {
        TokenCachePolicy d = TokenCachePolicy.DEFAULT;
        Duration refresh = config.duration(prefix + "refresh-margin", d.refreshMargin(), Duration.ZERO, Duration.ofHours(1));
        Duration expiry = config.duration(prefix + "expiry-margin", d.expiryMargin(), Duration.ZERO, Duration.ofHours(1));
        Duration lifetime = config.duration(prefix + "default-lifetime", d.defaultLifetime(), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration wait = config.duration(prefix + "token-timeout", d.waitTimeout(), Duration.ofMillis(10), Duration.ofMinutes(5));
        if (expiry.compareTo(refresh) > 0) {
            config.problem(prefix + "expiry-margin", "client '" + name + "': must not exceed refresh-margin (" + refresh + ")");
            return d;
        }
        return new TokenCachePolicy(refresh, expiry, lifetime, wait);
    }

    private static RetryPolicy readRetry(ConfigReader config, String name, String prefix) {
        RetryPolicy d = RetryPolicy.DEFAULT;
        int attempts = config.integer(prefix + "retry.max-attempts", d.maxAttempts(), 1, 10);
        Duration initial = config.duration(prefix + "retry.initial-backoff", d.initialBackoff(), Duration.ZERO, Duration.ofMinutes(1));
        Duration max = config.duration(prefix + "retry.max-backoff", d.maxBackoff(), Duration.ZERO, Duration.ofMinutes(5));
        if (initial.compareTo(max) > 0) {
            config.problem(prefix + "retry.initial-backoff", "client '" + name + "': must not exceed retry.max-backoff (" + max + ")");
            return d;
        }
        return new RetryPolicy(attempts, initial, max);
    }

    @Override
    public String toString() {
        return "ClientSettings[name=" + name + ", " + token.map(t -> "token=***").orElseGet(() -> request.orElseThrow().toString())
                + ", cache=" + cache + ", retry=" + retry + ", fetch=" + fetch + "]";
    }
}
