package dev.tessera.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

import jakarta.enterprise.inject.spi.Extension;

/**
 * The deployment's one {@link Observer}: the parts that do the work (the bearer mechanism, the outbound clients) get
 * {@link #observer()} when they are built, and a binding such as OpenTelemetry metrics {@link #attach attaches}
 * itself whenever it is ready, in any order. Until then, and without any binding, events go nowhere. One instance per
 * deployment, found with {@code BeanManager.getExtension(ObserverExtension.class)}.
 */
public class ObserverExtension implements Extension {

    private final Relay relay = new Relay();

    /** The observer to hand to the parts of this deployment; it forwards to whatever is attached. */
    public Observer observer() {
        return relay;
    }

    /** Sends this deployment's events to {@code target} from now on, replacing any earlier one. */
    public void attach(Observer target) {
        relay.attach(Objects.requireNonNull(target, "target"));
    }

    /** Sends events nowhere again, and forgets what was attached (at shutdown). */
    public void detach() {
        relay.attach(Observer.NONE);
    }

    /** Forwards every event to the attached observer: one volatile read and one call. */
    static final class Relay implements Observer {

        private volatile Observer target = Observer.NONE;
        /** Registrations that a later target must also see. */
        private final List<IntSupplier> caches = new ArrayList<>();

        void attach(Observer next) {
            synchronized (caches) {
                target = next;
                caches.forEach(next::tokenCache);
            }
        }

        @Override
        public void tokenAccepted() {
            target.tokenAccepted();
        }

        @Override
        public void tokenRefused(Refusal reason) {
            target.tokenRefused(reason);
        }

        @Override
        public void tokenUnchecked() {
            target.tokenUnchecked();
        }

        @Override
        public void tokenCacheLookup(boolean hit) {
            target.tokenCacheLookup(hit);
        }

        @Override
        public void tokenCache(IntSupplier entries) {
            synchronized (caches) {
                caches.add(entries);
                target.tokenCache(entries);
            }
        }

        @Override
        public void keySetFetched(String issuer, boolean succeeded) {
            target.keySetFetched(issuer, succeeded);
        }

        @Override
        public void tokenRequested(String client, TokenRequestOutcome outcome, Duration latency) {
            target.tokenRequested(client, outcome, latency);
        }
    }
}
