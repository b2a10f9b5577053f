package dev.tessera.client;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import dev.tessera.config.AuthorizationCodeGrant;
import dev.tessera.config.ClientAuthentication;
import dev.tessera.config.ClientConfig;
import dev.tessera.config.ClientSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;
import dev.tessera.config.TokenEndpointLocation;
import dev.tessera.issuer.BackgroundWork;
import dev.tessera.issuer.Discovery;
import dev.tessera.issuer.HttpFetcher;
import dev.tessera.observation.Observer;

/**
 * The token source of every client, each read, checked and built once (its private key loaded once), at deployment
 * validation; a client looked up later by a name not seen then is built on first use. Owns what runs token requests
 * ({@link BackgroundWork}: the server's managed executor when there is one, else a pool of its own, which
 * {@link #close()} shuts down).
 */
final class TokenSourceRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenSourceRegistry.class.getName());

    private final Config config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final BackgroundWork work;
    private final Observer observer;
    private final Map<String, TokenSource> sources = new ConcurrentHashMap<>();
    /** The HTTP clients of the token sources, closed with the registry. */
    private final List<HttpFetcher> httpClients = new CopyOnWriteArrayList<>();

    private TokenSourceRegistry(Config config, Clock clock, Sleeper sleeper, DoubleSupplier jitter, BackgroundWork work,
            Observer observer) {
        this.observer = observer;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.work = work;
    }

    /**
     * The registry of a deployment: the named clients built from MicroProfile Config on the system clock, token
     * requests on the managed executor or an own pool, each token request cycle told to {@code observer}.
     *
     * @throws ConfigurationException naming every problem of every named client
     */
    static TokenSourceRegistry deploy(Config config, Set<String> names, Observer observer) {
        BackgroundWork work = BackgroundWork.managedOrOwn("tessera-token");
        LOG.fine(() -> "token requests run on " + work.describe());
        return new TokenSourceRegistry(config, Clock.systemUTC(), Sleeper.SYSTEM, TokenBackoff.randomJitter(), work,
                observer).buildAll(names);
    }

    /** A registry of the named clients with these collaborators; the executor stays the caller's to shut down. */
    static TokenSourceRegistry of(Config config, Set<String> names, Clock clock, Sleeper sleeper, DoubleSupplier jitter,
            Executor executor) {
        return of(config, names, clock, sleeper, jitter, executor, Observer.NONE);
    }

    /** Like {@link #of(Config, Set, Clock, Sleeper, DoubleSupplier, Executor)}, token requests told to {@code observer}. */
    static TokenSourceRegistry of(Config config, Set<String> names, Clock clock, Sleeper sleeper, DoubleSupplier jitter,
            Executor executor, Observer observer) {
        return new TokenSourceRegistry(config, clock, sleeper, jitter, BackgroundWork.on(executor), observer).buildAll(names);
    }

    /**
     * What the token source of client {@code name} knows now, for a readiness check; empty when no such client has
     * been built. A configured fixed token is always held.
     */
    Optional<TokenSourceStatus> status(String name) {
        TokenSource source = sources.get(name);
        if (source instanceof CachingTokenSource caching) {
            return Optional.of(caching.status());
        }
        return source == null ? Optional.empty() : Optional.of(new TokenSourceStatus(true, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /**
     * The token source of client {@code name}.
     *
     * @throws ConfigurationException when the client is not configured or its configuration is unusable
     */
    TokenSource source(String name) {
        TokenSource source = sources.get(name);
        return source != null ? source : sources.computeIfAbsent(name, n -> {
            ConfigReader reader = new ConfigReader(config);
            Optional<TokenSource> built = build(reader, n);
            reader.throwIfProblems();
            return built.orElseThrow(() -> new ConfigurationException(List.of(ClientConfig.notConfigured(n))));
        });
    }

    /**
     * Shuts the own pool down (a managed executor is the server's), interrupting token requests in flight, and closes
     * the clients' HTTP clients.
     */
    @Override
    public void close() {
        work.close();
        httpClients.forEach(HttpFetcher::close);
        httpClients.clear();
    }

    /** What runs the token requests. */
    Executor executor() {
        return work.executor();
    }

    private TokenSourceRegistry buildAll(Set<String> names) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            ConfigReader reader = new ConfigReader(config);
            Optional<TokenSource> built = build(reader, name);
            try {
                reader.throwIfProblems();
                built.ifPresent(source -> sources.put(name, source));
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            close();
            throw new ConfigurationException(problems);
        }
        return this;
    }

    /** Reads client {@code name} and builds its token source; every problem is recorded on the reader. */
    private Optional<TokenSource> build(ConfigReader reader, String name) {
        Optional<ClientSettings> read = ClientConfig.read(reader, name);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        if (read.get() instanceof ClientSettings.Direct direct) {
            return Optional.of(new FixedTokenSource(direct.name(), direct.token()));
        }
        if (read.get() instanceof ClientSettings.AuthorizationCode code) {
            return userTokens(reader, code);
        }
        ClientSettings.Requested settings = (ClientSettings.Requested) read.get();
        TokenEndpointLocation location = settings.request().endpoint();
        URI url = location instanceof TokenEndpointLocation.Fixed fixed ? fixed.url()
                : ((TokenEndpointLocation.Discovered) location).issuer();
        try {
            HttpFetcher.requireSecure(url, settings.fetch().allowInsecureHttp());
        } catch (IllegalArgumentException e) {
            reader.problem(ClientConfig.endpointKey(name, location), e.getMessage());
        }
        Optional<TokenRequestStyle> style = style(reader, name, settings.request().clientId(), settings.request().authentication());
        if (reader.hasProblems() || style.isEmpty()) {
            return Optional.empty();
        }
        HttpFetcher http = new HttpFetcher(settings.fetch());
        httpClients.add(http);
        TokenEndpoint endpoint = location instanceof TokenEndpointLocation.Fixed ? TokenEndpoint.fixed(url)
                : TokenEndpoint.discovered(new Discovery(http), url);
        TokenBackoff backoff = new TokenBackoff(settings.retry(), jitter);
        TokenFetcher fetcher = new TokenFetcher(settings, endpoint, style.get(),
                mask(settings.request().clientId(), settings.request().authentication()), http, clock, sleeper, backoff);
        return Optional.of(new CachingTokenSource(name, fetcher, settings.cache(), backoff, clock, work.executor(), observer));
    }

    /** The user token source of an authorization code client; its URLs must be https (or loopback, or allowed). */
    private Optional<TokenSource> userTokens(ConfigReader reader, ClientSettings.AuthorizationCode settings) {
        String name = settings.name();
        AuthorizationCodeGrant grant = settings.grant();
        ClientConfig.urlsByKey(settings).forEach((key, url) -> {
            try {
                HttpFetcher.requireSecure(url, settings.fetch().allowInsecureHttp());
            } catch (IllegalArgumentException e) {
                reader.problem(key, e.getMessage());
            }
        });
        Optional<TokenRequestStyle> style = style(reader, name, grant.clientId(), grant.authentication());
        if (reader.hasProblems() || style.isEmpty()) {
            return Optional.empty();
        }
        HttpFetcher http = new HttpFetcher(settings.fetch());
        httpClients.add(http);
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(settings, style.get(),
                mask(grant.clientId(), grant.authentication()), http, clock, new SecureRandom());
        return Optional.of(new SessionTokenSource(flow, clock));
    }

    /** The request style of a client; loads its private key for {@code private_key_jwt}, recording a bad one. */
    private static Optional<TokenRequestStyle> style(ConfigReader reader, String name, String clientId,
            ClientAuthentication authentication) {
        if (authentication instanceof ClientAuthentication.None) {
            return Optional.of(new PublicClient(clientId));
        }
        if (authentication instanceof ClientAuthentication.SecretBasic basic) {
            return Optional.of(new ClientSecretBasic(clientId, basic.secret(), basic.encoding(), ClientConfig.basicEncodingKey(name)));
        } else if (authentication instanceof ClientAuthentication.SecretPost post) {
            return Optional.of(new ClientSecretPost(clientId, post.secret()));
        } else if (authentication instanceof ClientAuthentication.SecretJson json) {
            return Optional.of(new ClientSecretJson(clientId, json.secret()));
        }
        ClientAuthentication.PrivateKeyJwt jwt = (ClientAuthentication.PrivateKeyJwt) authentication;
        try {
            return Optional.of(PrivateKeyJwt.load(clientId, jwt.key()));
        } catch (IllegalArgumentException e) {
            reader.problem(ClientConfig.privateKeyKey(name, jwt.key()), "client '" + name + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    private static SecretMask mask(String clientId, ClientAuthentication authentication) {
        Optional<String> secret = authentication instanceof ClientAuthentication.SecretBasic basic ? Optional.of(basic.secret())
                : authentication instanceof ClientAuthentication.SecretPost post ? Optional.of(post.secret())
                : authentication instanceof ClientAuthentication.SecretJson json ? Optional.of(json.secret())
                : Optional.empty();
        return SecretMask.of(clientId, secret);
    }
}
