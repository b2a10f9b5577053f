package dev.tessera.client;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Real token sources for tests outside this package: one outbound client, configured with these key/value pairs
 * (relative to {@code tessera.client.<name>.}), on the given clock, its token requests on the calling thread, without
 * jitter or sleeping, so that what a status call starts has ended when it returns.
 */
public final class ClientStatuses implements AutoCloseable {

    private final TokenSourceRegistry registry;
    private final String name;

    private ClientStatuses(TokenSourceRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    public static ClientStatuses of(Clock clock, String name, String... keyValues) {
        return new ClientStatuses(TokenSourceRegistry.of(Clients.config(Clients.client(name, keyValues)), Set.of(name),
                clock, pause -> { }, () -> 0, Runnable::run), name);
    }

    /** What a readiness check of the client reads, as the deployment's extension gives it. */
    public Optional<TokenSourceStatus> status() {
        return registry.status(name);
    }

    /** The token the client holds now (obtaining one if it holds none), for a test to look for where it must not be. */
    public String token() {
        return registry.source(name).token().value();
    }

    @Override
    public void close() {
        registry.close();
    }
}
