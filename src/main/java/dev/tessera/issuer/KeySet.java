package dev.tessera.issuer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One fetched key set: immutable, replaced as a whole, read without locks.
 *
 * @param fetchStarted when the fetch that produced it started; a kid missing here is unknown to every request
 *                     that arrived no later
 * @param expiresAt    when it should be fetched again
 */
record KeySet(List<SigningKey> keys, Map<String, List<SigningKey>> byKid, List<SigningKey> withoutKid,
        Instant fetchStarted, Instant expiresAt) {

    static KeySet of(List<SigningKey> keys, Instant fetchStarted, Instant expiresAt) {
        Map<String, List<SigningKey>> byKid = new HashMap<>();
        List<SigningKey> withoutKid = new ArrayList<>();
        for (SigningKey key : keys) {
            if (key.kid() == null) {
                withoutKid.add(key);
            } else {
                byKid.computeIfAbsent(key.kid(), k -> new ArrayList<>()).add(key);
            }
        }
        byKid.replaceAll((kid, list) -> List.copyOf(list));
        return new KeySet(List.copyOf(keys), Map.copyOf(byKid), List.copyOf(withoutKid), fetchStarted, expiresAt);
    }

    /** Every key for no kid; else the keys with that kid, or, when none has it, the keys without a kid. */
    List<SigningKey> lookup(String kid) {
        if (kid == null) {
            return keys;
        }
        List<SigningKey> found = byKid.get(kid);
        return found != null ? found : withoutKid;
    }

    /** Whether this very object is in the set (identity: a new key under an old kid is another key). */
    boolean contains(SigningKey key) {
        for (SigningKey k : keys) {
            if (k == key) {
                return true;
            }
        }
        return false;
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * The fetched keys, each one this set already had (same kid, key and alg) replaced by this set's object, so that
     * tokens verified with a key that is still published stay current across refreshes.
     */
    List<SigningKey> keepObjects(List<SigningKey> fetched) {
        List<SigningKey> kept = new ArrayList<>(fetched.size());
        for (SigningKey key : fetched) {
            int index = keys.indexOf(key);
            kept.add(index < 0 ? key : keys.get(index));
        }
        return kept;
    }
}
