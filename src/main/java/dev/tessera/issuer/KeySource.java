package dev.tessera.issuer;

import java.util.List;

/** The current verification keys of exactly one issuer. Thread-safe. */
public interface KeySource {

    /**
     * The keys that may have signed a token with this {@code kid}: the key with that id, or, when
     * {@code kid} is {@code null}, every key. An unknown {@code kid} may trigger a rate-limited refresh.
     *
     * @return the candidates, possibly empty (unknown kid)
     * @throws KeysUnavailableException when no key set has ever been obtained
     */
    List<SigningKey> candidates(String kid) throws KeysUnavailableException;

    /**
     * Whether this key is still in the issuer's current key set (it may have been rotated out). Like
     * {@link #candidates}, starts a background refresh when the key set is stale, so that callers that only
     * ask this (a cache of verified tokens) still see a rotation.
     */
    boolean isCurrent(SigningKey key);

    /**
     * The {@code kid}s of the keys held now, for saying why a token was refused; fetches nothing and starts nothing.
     * Empty when no keys are held.
     */
    List<String> publishedKids();

    /**
     * What this source knows now, for a readiness check. Reads state; a source that fetches its keys may start the
     * fetch a request would start now (at most once per its minimum refresh interval, never waiting for it).
     */
    default KeySetStatus status() {
        return KeySetStatus.configured(publishedKids().size());
    }
}
