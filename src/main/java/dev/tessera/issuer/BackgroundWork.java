package dev.tessera.issuer;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What runs Tessera's background work (key refresh, token requests): the server's default managed executor (Jakarta
 * Concurrency) when the application has one, so that the work runs on threads the server manages and stops with the
 * application; otherwise a pool of daemon threads of Tessera's own. {@link #close()} shuts down only an own pool:
 * a managed executor is the server's.
 */
public final class BackgroundWork implements AutoCloseable {

    /** The name Jakarta EE gives the default managed executor of every component (Jakarta EE 10 §EE.5.21). */
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private final Executor executor;
    private final ExecutorService owned;

    private BackgroundWork(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /**
     * The managed executor of the calling component when there is one, otherwise an own pool whose threads are named
     * {@code threadPrefix-N}. Call it on an application thread (deployment or request), where {@code java:comp} is
     * the application's.
     */
    public static BackgroundWork managedOrOwn(String threadPrefix) {
        return managedExecutor().map(managed -> new BackgroundWork(managed, null)).orElseGet(() -> own(threadPrefix));
    }

    /** An own pool of daemon threads named {@code threadPrefix-N}, shut down by {@link #close()}. */
    public static BackgroundWork own(String threadPrefix) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadPrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new BackgroundWork(pool, pool);
    }

    /** The caller's executor, which stays the caller's to shut down. */
    public static BackgroundWork on(Executor executor) {
        return new BackgroundWork(Objects.requireNonNull(executor, "executor"), null);
    }

    /** What runs the work. */
    public Executor executor() {
        return executor;
    }

    /** Says where the work runs, for a log line. */
    public String describe() {
        return owned != null ? "Tessera's own daemon threads" : "the server's " + MANAGED_EXECUTOR + " or the caller's executor";
    }

    /** Shuts an own pool down, interrupting work in flight; leaves a managed or borrowed executor alone. Idempotent. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    private static Optional<Executor> managedExecutor() {
        try {
            return new InitialContext().lookup(MANAGED_EXECUTOR) instanceof Executor managed ? Optional.of(managed) : Optional.empty();
        } catch (NamingException | RuntimeException | LinkageError e) {
            return Optional.empty(); // not in a server, or a server without Jakarta Concurrency
        }
    }
}
