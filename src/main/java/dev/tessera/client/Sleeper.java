package dev.tessera.client;

import java.time.Duration;

/** Pauses between retries; tests pass one that records the pauses instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = pause -> Thread.sleep(pause.toMillis());

    void sleep(Duration pause) throws InterruptedException;
}
