package dev.tessera.issuer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most one task in flight, run on the executor it is given, and at most one caller waiting for it: a hanging
 * issuer then holds one request thread (for at most the wait bound), never all of them. Thread-safe.
 */
final class SingleFlight<T> {

    private final Executor executor;
    private final AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();
    private final Semaphore waiter = new Semaphore(1);

    SingleFlight(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The task in flight, or null. */
    CompletableFuture<T> running() {
        return inFlight.get();
    }

    /** Starts the task unless one runs; returns the one in flight either way. */
    CompletableFuture<T> start(Callable<T> task) {
        CompletableFuture<T> started = new CompletableFuture<>();
        if (!inFlight.compareAndSet(null, started)) {
            CompletableFuture<T> running = inFlight.get();
            return running != null ? running : start(task);
        }
        try {
            executor.execute(() -> run(task, started));
        } catch (RejectedExecutionException e) {
            inFlight.compareAndSet(started, null);
            started.completeExceptionally(e); // closed: nothing runs any more
        }
        return started;
    }

    private void run(Callable<T> task, CompletableFuture<T> result) {
        try {
            T value = task.call();
            inFlight.compareAndSet(result, null);
            result.complete(value);
        } catch (Exception | Error e) {
            inFlight.compareAndSet(result, null);
            result.completeExceptionally(e);
        }
    }

    /**
     * The task's result when it is done, or after waiting at most {@code maxWait} when no other caller is waiting;
     * empty when it failed, took longer, or another caller already waits.
     */
    Optional<T> await(CompletableFuture<T> task, Duration maxWait) {
        if (task.isDone()) {
            return result(task, Duration.ZERO);
        }
        if (!waiter.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return result(task, maxWait);
        } finally {
            waiter.release();
        }
    }

    private static <T> Optional<T> result(CompletableFuture<T> task, Duration maxWait) {
        try {
            return Optional.of(task.get(maxWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }
}
