package dev.tessera.bearer;

import dev.tessera.config.TokenCacheSettings;
import dev.tessera.issuer.KeysUnavailableException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers verified tokens so that a client sending the same token again costs a map lookup and the time
 * checks, not a signature check. Thread-safe; a hit takes no lock and writes nothing shared.
 *
 * <p>What keeps it correct:
 * <ul>
 * <li>The key is the token text exactly as received. Another spelling of the same bytes (padding, other
 * base64 alphabet, different trailing bits) is another key, so it misses and gets the full verification.</li>
 * <li>Only tokens that {@link TokenVerifier#verify} accepted are stored; a refused token stores nothing.</li>
 * <li>An entry is served only before the token's {@code exp}, without clock skew (skew is a tolerance of
 * verification, not a reason to keep serving), and only while {@link TokenVerifier#checkStillValid} passes:
 * the time-dependent claims checks, and that the signing key is still published by the issuer. Any failure
 * drops the entry and the token goes through full verification, which gives the authoritative answer.</li>
 * <li>Bounded by entries and by estimated bytes, in two generations of at most half the bounds each: new
 * tokens go into the young one; when it is full it becomes the old one and the previous old one is dropped as a
 * whole. Eviction is O(1) and never walks the map; the tokens stored longest ago go first. A dropped entry only
 * costs one more signature check.</li>
 * </ul>
 */
public final class CachingTokenVerifier {

    /**
     * Heap estimate of an entry apart from the token text, and per character of it: the claims and groups
     * scale with the token, so the estimate does too. Measured with the bench profile's footprint run
     * (README, Performance); keep the two in step.
     */
    static final long ENTRY_OVERHEAD_BYTES = 1024;
    static final long BYTES_PER_TOKEN_CHAR = 6;

    private final TokenVerifier verifier;
    private final Clock clock;
    private final boolean enabled;
    private final int generationEntries;
    private final long generationBytes;
    private final Object rotation = new Object();
    private volatile Generation young = new Generation();
    private volatile Generation old = new Generation();

    /**
     * @param verifier verifies tokens not in the cache, and checks cached ones again
     * @param clock    the same clock the verifier uses
     * @param settings the bounds; when not enabled, every call goes to the verifier and nothing is kept
     */
    public CachingTokenVerifier(TokenVerifier verifier, Clock clock, TokenCacheSettings settings) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.enabled = settings.enabled();
        this.generationEntries = Math.max(1, settings.maxEntries() / 2);
        this.generationBytes = Math.max(1, settings.maxBytes() / 2);
    }

    /** An enabled cache with these bounds. */
    public CachingTokenVerifier(TokenVerifier verifier, Clock clock, int maxEntries, long maxBytes) {
        this(verifier, clock, new TokenCacheSettings(true, maxEntries, maxBytes));
    }

    /**
     * Like {@link TokenVerifier#verify}, from the cache when the same token verified before and is still valid.
     *
     * @throws InvalidTokenException    the token is bad
     * @throws KeysUnavailableException the issuer's keys cannot be obtained right now
     */
    public VerifiedToken verify(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        return verification(compactToken).token();
    }

    /**
     * Like {@link #verify}, and tells whether the token is a repeat: served from the cache, so the very object an
     * earlier call returned for it.
     */
    public Verification verification(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        if (!enabled) {
            return new Verification(verifier.verify(compactToken), false);
        }
        Key key = new Key(compactToken);
        Generation generation = young;
        Entry cached = generation.entries.get(key);
        if (cached == null) {
            generation = old;
            cached = generation.entries.get(key);
        }
        long now = clock.instant().getEpochSecond();
        if (cached != null) {
            if (now < cached.expires && stillValid(cached.repeat.token())) {
                return cached.repeat;
            }
            generation.remove(key, cached);
        }
        VerifiedToken verified = verifier.verify(compactToken);
        long expires = verified.getExpirationTime(); // required by verification
        if (now < expires) {
            store(key, new Entry(new Verification(verified, true), expires, estimatedBytes(compactToken)));
        }
        return new Verification(verified, false);
    }

    /**
     * A verified token, and whether it came from the cache.
     *
     * @param token  the verified token
     * @param repeat whether the token verified before and this is the object returned then
     */
    public record Verification(VerifiedToken token, boolean repeat) {
    }

    /** How many tokens are cached now. */
    int size() {
        return young.entries.size() + old.entries.size();
    }

    /** The estimated heap bytes of the cached tokens. */
    long bytes() {
        return young.bytes.get() + old.bytes.get();
    }

    static long estimatedBytes(String compactToken) {
        return ENTRY_OVERHEAD_BYTES + BYTES_PER_TOKEN_CHAR * compactToken.length();
    }

    private boolean stillValid(VerifiedToken token) {
        try {
            verifier.checkStillValid(token);
            return true;
        } catch (InvalidTokenException e) {
            return false;
        }
    }

    /** Misses only, each of which has just paid for a signature check: the lock costs nothing in comparison. */
    private void store(Key key, Entry entry) {
        if (entry.bytes > generationBytes) {
            return;
        }
        synchronized (rotation) {
            Generation generation = young;
            if (generation.entries.size() >= generationEntries || generation.bytes.get() + entry.bytes > generationBytes) {
                old = generation;
                young = generation = new Generation();
            }
            if (generation.entries.putIfAbsent(key, entry) == null) {
                generation.bytes.addAndGet(entry.bytes);
            }
        }
    }

    private static final class Generation {
        final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();

        void remove(Key key, Entry entry) {
            if (entries.remove(key, entry)) {
                bytes.addAndGet(-entry.bytes);
            }
        }
    }

    /** {@code repeat}: what a hit returns, made once. */
    private record Entry(Verification repeat, long expires, long bytes) {
    }

    /**
     * The token text, hashed over its last characters only: they are signature characters, unpredictable for
     * any token that verified, and hashing a whole 1-2 KB token would cost more than the rest of a hit.
     * Equality compares the whole text.
     */
    private static final class Key {
        private static final int HASHED_CHARS = 32;

        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = 0;
            for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && token.equals(key.token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
