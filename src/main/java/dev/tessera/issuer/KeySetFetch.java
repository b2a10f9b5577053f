package dev.tessera.issuer;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Fetches one key set: resolves its location once, GETs it, parses it and dates it. Does nothing else. */
final class KeySetFetch {

    /** Parses a fetched key set. */
    @FunctionalInterface
    interface KeySetReader {
        List<SigningKey> read(String content) throws ParseException;
    }

    private final JwksKeySource.Location location;
    private final HttpFetcher fetcher;
    private final KeySetReader reader;
    private final CacheLifetime lifetime;
    private final Clock clock;
    private volatile URI jwksUri;

    KeySetFetch(JwksKeySource.Location location, HttpFetcher fetcher, KeySetReader reader, CacheLifetime lifetime,
            Clock clock) {
        this.location = Objects.requireNonNull(location, "location");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The current key set, reusing the objects of {@code previous} (may be null) for keys it still has.
     *
     * @throws IOException when the location, the fetch or the content fails, or the set has no usable key
     */
    KeySet fetch(KeySet previous) throws IOException {
        Instant started = clock.instant();
        URI uri = jwksUri;
        if (uri == null) {
            uri = location.resolve();
            HttpFetcher.requireSecure(uri, fetcher.policy().allowInsecureHttp());
            jwksUri = uri;
        }
        HttpFetcher.FetchedResponse response = fetcher.get(uri);
        if (response.status() != 200) {
            throw new IOException("key set at " + uri + " answered HTTP " + response.status());
        }
        List<SigningKey> keys;
        try {
            keys = reader.read(response.text());
        } catch (ParseException e) {
            throw new IOException("key set at " + uri + " is not a valid key set: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            // a failed fetch, so that a broken response never replaces good keys
            throw new IOException("key set at " + uri + " has no usable signing keys");
        }
        return KeySet.of(previous == null ? keys : previous.keepObjects(keys), started,
                started.plus(lifetime.of(response)));
    }
}
