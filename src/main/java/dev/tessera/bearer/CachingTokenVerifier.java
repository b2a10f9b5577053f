package dev.tessera.bearer;

import dev.tessera.config.TokenCacheSettings;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.observation.Observer;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
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
 * <li>An entry keeps what checking again needs (the claims as read, the signing key and its key source) apart from
 * the {@link VerifiedToken}, which stays a plain value.</li>
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
     * (README, Performance); keep the two in step. Only the claims verification reads are made while parsing, the
     * rest when the application asks: measured 6,567 bytes for a 1,485-character RS256 token and 6,308 for a
     * 1,229-character ES256 one, 9,279 and 9,016 once every claim was read, all below this estimate.
     */
    static final long ENTRY_OVERHEAD_BYTES = 1024;
    static final long BYTES_PER_TOKEN_CHAR = 7;

    /** Numbers the entries, never twice in this class loader: the identity of a repeat (see {@link Verification}). */
    private static final AtomicLong ENTRIES = new AtomicLong();

    private final TokenVerifier verifier;
    private final Clock clock;
    private final Observer observer;
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
        this(verifier, clock, settings, Observer.NONE);
    }

    /**
     * Like {@link #CachingTokenVerifier(TokenVerifier, Clock, TokenCacheSettings)}, telling {@code observer} of every
     * token accepted or refused, every cache lookup, and how many tokens the cache holds.
     */
    public CachingTokenVerifier(TokenVerifier verifier, Clock clock, TokenCacheSettings settings, Observer observer) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.enabled = settings.enabled();
        this.generationEntries = Math.max(1, settings.maxEntries() / 2);
        this.generationBytes = Math.max(1, settings.maxBytes() / 2);
        if (enabled) {
            observer.tokenCache(this::size);
        }
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
        try {
            Verification verification = enabled ? lookUpOrVerify(compactToken)
                    : new Verification(verifier.verify(compactToken), OptionalLong.empty());
            observer.tokenAccepted();
            return verification;
        } catch (InvalidTokenException e) {
            observer.tokenRefused(e.kind());
            throw e;
        } catch (KeysUnavailableException e) {
            observer.tokenUnchecked();
            throw e;
        }
    }

    private Verification lookUpOrVerify(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        Key key = new Key(compactToken);
        Generation generation = young;
        Entry cached = generation.entries.get(key);
        if (cached == null) {
            generation = old;
            cached = generation.entries.get(key);
        }
        long now = clock.instant().getEpochSecond();
        if (cached != null) {
            if (now < cached.expires && stillValid(cached.accepted)) {
                observer.tokenCacheLookup(true);
                return cached.repeat;
            }
            generation.remove(key, cached);
        }
        observer.tokenCacheLookup(false);
        TokenVerifier.Accepted accepted = verifier.accept(compactToken);
        long expires = accepted.claims().expiresAt().getEpochSecond();
        if (now < expires) {
            Verification repeat = new Verification(accepted.token(), OptionalLong.of(ENTRIES.incrementAndGet()));
            store(key, new Entry(repeat, accepted, expires, estimatedBytes(compactToken)));
        }
        return new Verification(accepted.token(), OptionalLong.empty());
    }

    /**
     * A verified token, and whether it came from the cache.
     *
     * @param token      the verified token
     * @param cacheEntry present when the token verified before and came from the cache: the number of that cache
     *                   entry, which no other entry of this class loader has, so it stands for one verified token
     *                   (one name, one set of groups) and says nothing about the token
     */
    public record Verification(VerifiedToken token, OptionalLong cacheEntry) {

        public Verification {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(cacheEntry, "cacheEntry");
        }

        /** Whether the token verified before and this is the object returned then. */
        public boolean repeat() {
            return cacheEntry.isPresent();
        }
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

    private boolean stillValid(TokenVerifier.Accepted accepted) {
        try {
            verifier.checkStillValid(accepted);
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

    /** {@code repeat}: what a hit returns, made once; {@code accepted}: what checking it again needs. */
    private record Entry(Verification repeat, TokenVerifier.Accepted accepted, long expires, long bytes) {
    }

    /**
     * The token text, hashed over its last characters only: they are signature characters (for an encrypted token,
     * its authentication tag), unpredictable for any token that verified, and hashing a whole 1-2 KB token would cost more than the rest of a hit.
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
