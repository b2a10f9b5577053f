package dev.tessera.client;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.config.ClientSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;
import dev.tessera.config.TokenRequestSettings;
import dev.tessera.issuer.Discovery;
import dev.tessera.issuer.HttpFetcher;

/**
 * The token source of every configured client, one per name, built on first use and shared; also the CDI
 * producer behind {@code @Inject @ClientCredentials("name") TokenSource} and {@code ... AccessToken}.
 * Token requests run on a small pool of daemon threads that is shut down with the application.
 */
@ApplicationScoped
public class TokenSources {

    private final Map<String, TokenSource> sources = new ConcurrentHashMap<>();
    private Config config;
    private Clock clock;
    private Executor executor;
    private Sleeper sleeper;
    private ExecutorService ownedExecutor;

    /** For CDI: configuration from MicroProfile Config, the system clock, own daemon threads. */
    public TokenSources() {
    }

    TokenSources(Config config, Clock clock, Executor executor, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.sleeper = sleeper;
    }

    /**
     * The token source of client {@code name}.
     *
     * @throws ConfigurationException when the client is not configured or its configuration is unusable
     */
    public TokenSource source(String name) {
        TokenSource source = sources.get(name);
        return source != null ? source : sources.computeIfAbsent(name, this::create);
    }

    /** Produces the token source named by the injection point's {@link ClientCredentials} qualifier. */
    @Produces
    @Dependent
    @ClientCredentials("")
    TokenSource produceSource(InjectionPoint injectionPoint) {
        return source(nameOf(injectionPoint));
    }

    /** Produces a token valid at injection time for the client named by the injection point. */
    @Produces
    @Dependent
    @ClientCredentials("")
    AccessToken produceToken(InjectionPoint injectionPoint) {
        return source(nameOf(injectionPoint)).token();
    }

    @PreDestroy
    void close() {
        ExecutorService owned;
        synchronized (this) {
            owned = ownedExecutor;
            ownedExecutor = null;
        }
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    /**
     * Every problem with the named clients: missing configuration, unknown keys, contradictions, insecure URLs,
     * unreadable keys. Each line names the client and the key.
     */
    static List<String> problems(Config config, Set<String> names) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            ConfigReader reader = new ConfigReader(config);
            ClientSettings.read(reader, name).ifPresent(settings -> check(reader, settings));
            try {
                reader.throwIfProblems();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        return problems;
    }

    /** The checks {@link ClientSettings} cannot make itself: URL schemes and the private key. */
    private static void check(ConfigReader reader, ClientSettings settings) {
        String prefix = ClientSettings.PREFIX + settings.name() + ".";
        settings.request().ifPresent(request -> {
            boolean insecure = settings.fetch().allowInsecureHttp();
            request.tokenEndpoint().ifPresent(uri -> requireSecure(reader, prefix + "token-endpoint", uri, insecure));
            request.issuer().ifPresent(uri -> requireSecure(reader, prefix + "issuer", uri, insecure));
            try {
                style(settings.name(), request);
            } catch (IllegalArgumentException e) {
                String key = request.privateKey().flatMap(k -> k.location()).isPresent() ? "private-key.location" : "private-key";
                reader.problem(prefix + key, "client '" + settings.name() + "': " + e.getMessage());
            }
        });
    }

    private static void requireSecure(ConfigReader reader, String key, URI uri, boolean allowInsecure) {
        try {
            HttpFetcher.requireSecure(uri, allowInsecure);
        } catch (IllegalArgumentException e) {
            reader.problem(key, e.getMessage());
        }
    }

    /** The request style of a client; loads its private key for {@code private_key_jwt}. */
    static TokenRequestStyle style(String name, TokenRequestSettings request) {
        return switch (request.authMethod()) {
            case CLIENT_SECRET_BASIC -> new ClientSecretBasic(request.clientId(), request.clientSecret().orElseThrow());
            case CLIENT_SECRET_POST -> new ClientSecretPost(request.clientId(), request.clientSecret().orElseThrow());
            case CLIENT_SECRET_JSON -> new ClientSecretJson(request.clientId(), request.clientSecret().orElseThrow());
            case PRIVATE_KEY_JWT -> PrivateKeyJwt.load(request.clientId(), request.privateKey().orElseThrow());
        };
    }

    /** A token source for these settings. */
    static TokenSource create(ClientSettings settings, Clock clock, Executor executor, Sleeper sleeper) {
        if (settings.token().isPresent()) {
            return new FixedTokenSource(settings.name(), settings.token().get());
        }
        TokenRequestSettings request = settings.request().orElseThrow();
        HttpFetcher http = new HttpFetcher(settings.fetch());
        TokenEndpoint endpoint = request.tokenEndpoint().map(TokenEndpoint::fixed).orElseGet(() ->
                TokenEndpoint.discovered(new Discovery(http), request.issuer().orElseThrow()));
        TokenFetcher fetcher = new TokenFetcher(settings, endpoint, style(settings.name(), request), http, clock, sleeper);
        return new CachingTokenSource(settings.name(), fetcher, settings.cache(), clock, executor);
    }

    private TokenSource create(String name) {
        Config cfg;
        synchronized (this) {
            if (config == null) {
                config = ConfigProvider.getConfig();
                clock = Clock.systemUTC();
                sleeper = Sleeper.SYSTEM;
            }
            if (executor == null) {
                ownedExecutor = Executors.newCachedThreadPool(daemonThreads());
                executor = ownedExecutor;
            }
            cfg = config;
        }
        List<String> problems = problems(cfg, Set.of(name));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        ConfigReader reader = new ConfigReader(cfg);
        ClientSettings settings = ClientSettings.read(reader, name).orElseThrow(() -> new ConfigurationException(List.of(
                ClientSettings.PREFIX + name + ": client '" + name + "' is not configured")));
        return create(settings, clock, executor, sleeper);
    }

    private static String nameOf(InjectionPoint injectionPoint) {
        return injectionPoint.getQualifiers().stream()
                .filter(ClientCredentials.class::isInstance)
                .map(q -> ((ClientCredentials) q).value())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no @ClientCredentials on " + injectionPoint));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "tessera-token-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
