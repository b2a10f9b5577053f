package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class BackgroundWorkTest {

    @Test
    void outsideAServerTheWorkRunsOnOwnNamedDaemonThreadsThatCloseStops() throws InterruptedException {
        BackgroundWork work = BackgroundWork.managedOrOwn("tessera-test");
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        work.executor().execute(() -> {
            worker.set(Thread.currentThread());
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.get().getName()).isEqualTo("tessera-test-1");
        assertThat(worker.get().isDaemon()).isTrue();
        assertThat(work.describe()).isEqualTo("Tessera's own daemon threads");

        work.close();

        worker.get().join(10_000);
        assertThat(worker.get().isAlive()).isFalse();
        assertThatThrownBy(() -> work.executor().execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aBorrowedExecutorStaysTheCallersToShutDown() {
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            BackgroundWork work = BackgroundWork.on(callers);

            work.close();

            assertThat(work.executor()).isSameAs(callers);
            assertThat(callers.isShutdown()).isFalse();
        } finally {
            callers.shutdownNow();
        }
    }
}
