package dev.tessera.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Records every event as a short line ("accepted", "refused expired", "hit", "fetch https://... ok"), in order. */
public final class RecordingObserver implements Observer {

    private final List<String> events = new ArrayList<>();
    private final List<IntSupplier> caches = new ArrayList<>();
    private final List<Duration> latencies = new ArrayList<>();

    /** The events so far, oldest first. */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The latencies of the token requests so far. */
    public synchronized List<Duration> latencies() {
        return List.copyOf(latencies);
    }

    /** The sizes the registered caches report now. */
    public synchronized List<Integer> cacheSizes() {
        return caches.stream().map(IntSupplier::getAsInt).toList();
    }

    @Override
    public synchronized void tokenAccepted() {
        events.add("accepted");
    }

    @Override
    public synchronized void tokenRefused(Refusal reason) {
        events.add("refused " + reason.attribute());
    }

    @Override
    public synchronized void tokenUnchecked() {
        events.add("unavailable");
    }

    @Override
    public synchronized void tokenCacheLookup(boolean hit) {
        events.add(hit ? "hit" : "miss");
    }

    @Override
    public synchronized void tokenCache(IntSupplier entries) {
        caches.add(entries);
    }

    @Override
    public synchronized void keySetFetched(String issuer, boolean succeeded) {
        events.add("fetch " + issuer + (succeeded ? " ok" : " failed"));
    }

    @Override
    public synchronized void tokenRequested(String client, TokenRequestOutcome outcome, Duration latency) {
        events.add("request " + client + " " + outcome.attribute());
        latencies.add(latency);
    }
}
