package dev.tessera.client;

import java.io.Serializable;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The authorizations one session has started with one client and not finished: at most {@link #MAX} (a user may
 * start in two tabs; a script starting thousands cannot grow the session), expired ones dropped. Immutable and
 * {@link Serializable}; every change is a new value set again on the session.
 *
 * @param pending oldest first
 */
record PendingAuthorizations(List<PendingAuthorization> pending) implements Serializable {

    /** How many started authorizations a session keeps per client; the oldest goes first. */
    static final int MAX = 8;
    static final PendingAuthorizations NONE = new PendingAuthorizations(List.of());
    private static final long serialVersionUID = 1L;

    PendingAuthorizations {
        pending = List.copyOf(pending);
    }

    /** These plus {@code started}, without the expired ones and the oldest beyond {@link #MAX}. */
    PendingAuthorizations with(PendingAuthorization started, Instant now) {
        List<PendingAuthorization> kept = new ArrayList<>(pending.stream().filter(p -> now.isBefore(p.expiresAt())).toList());
        kept.add(started);
        return new PendingAuthorizations(kept.subList(Math.max(0, kept.size() - MAX), kept.size()));
    }

    /** The unexpired authorization started with {@code state}, if any. */
    Optional<PendingAuthorization> find(String state, Instant now) {
        byte[] wanted = state.getBytes(StandardCharsets.US_ASCII);
        // constant time per candidate: the state is a secret of this session
        return pending.stream()
                .filter(p -> MessageDigest.isEqual(p.state().getBytes(StandardCharsets.US_ASCII), wanted))
                .filter(p -> now.isBefore(p.expiresAt()))
                .findFirst();
    }

    /** These without the authorization started with {@code state}: a state is used once, whatever the outcome. */
    PendingAuthorizations without(String state) {
        return new PendingAuthorizations(pending.stream().filter(p -> !p.state().equals(state)).toList());
    }
}
