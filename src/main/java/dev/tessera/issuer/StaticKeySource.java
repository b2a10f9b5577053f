package dev.tessera.issuer;

import dev.tessera.observation.Observer;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.jose.KeyLocation;

/**
 * Keys configured by the application rather than discovered: given inline, or at a location (file, classpath
 * resource or URL). The content is a JWKS, a single JWK, or PEM ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks).
 * Files and resources are read once, at construction; a URL location becomes a {@link JwksKeySource} that also
 * accepts PEM.
 */
public final class StaticKeySource implements KeySource {

    /** No keys at all: for deployments whose tokens are encrypted but not signed. */
    public static final StaticKeySource NONE = new StaticKeySource(List.of());

    private final List<SigningKey> keys;

    private StaticKeySource(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Keys given inline as a JWKS, JWK or PEM.
     *
     * @throws KeyOriginException ({@link KeyOriginException.Origin#INLINE_KEY}) when the content holds no usable signing key
     */
    public static StaticKeySource fromContent(String content) {
        return fromContent(content, JwsAlgorithm.MIN_RSA_BITS);
    }

    /** Like {@link #fromContent(String)}, accepting RSA keys of at least {@code minRsaBits}. */
    public static StaticKeySource fromContent(String content, int minRsaBits) {
        return new StaticKeySource(parse(content, KeyOriginException.Origin.INLINE_KEY, "the value", minRsaBits));
    }

    /**
     * Keys from a location: {@code file:}, {@code classpath:}, a plain path (a file, else a classpath resource),
     * or an {@code https://} (or loopback {@code http://}) URL, which is fetched lazily on {@code refresher} like a JWKS.
     *
     * @throws KeyOriginException ({@link KeyOriginException.Origin#KEY_LOCATION}) when the location cannot be read or
     *                            holds no usable signing key
     */
    public static KeySource fromLocation(String location, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock,
            Executor refresher) {
        return fromLocation(location, fetcher, policy, clock, refresher, JwsAlgorithm.MIN_RSA_BITS, Observer.NONE);
    }

    /**
     * Like {@link #fromLocation(String, HttpFetcher, KeyRefreshPolicy, Clock, Executor)}, RSA keys of {@code minRsaBits}+;
     * the fetches of a URL location are told to {@code observer}.
     */
    public static KeySource fromLocation(String location, HttpFetcher fetcher, KeyRefreshPolicy policy, Clock clock,
            Executor refresher, int minRsaBits, Observer observer) {
        KeyLocation where = new KeyLocation(location);
        if (where.isUrl()) {
            URI uri;
            try {
                uri = new URI(location);
                HttpFetcher.requireSecure(uri, fetcher.policy().allowInsecureHttp());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw KeyOriginException.of(KeyOriginException.Origin.KEY_LOCATION, where.shown() + " is not an https URL"
                        + " (plain http only for loopback hosts or when insecure http is allowed)");
            }
            return new JwksKeySource(location, () -> uri, fetcher, policy, clock, refresher,
                    content -> SigningKeys.fromAnyFormat(content, minRsaBits), observer);
        }
        String content;
        try {
            content = where.read();
        } catch (IOException e) {
            throw KeyOriginException.of(KeyOriginException.Origin.KEY_LOCATION, e.getMessage());
        }
        return new StaticKeySource(parse(content, KeyOriginException.Origin.KEY_LOCATION, where.shown(), minRsaBits));
    }

    @Override
    public List<String> publishedKids() {
        return SigningKey.kidsOf(keys);
    }

    @Override
    public List<SigningKey> candidates(String kid) {
        if (kid == null) {
            return keys;
        }
        List<SigningKey> matching = new ArrayList<>();
        List<SigningKey> withoutKid = new ArrayList<>();
        for (SigningKey key : keys) {
            if (kid.equals(key.kid())) {
                matching.add(key);
            } else if (key.kid() == null) {
                withoutKid.add(key);
            }
        }
        // a PEM key has no kid and signs tokens that carry one
        return List.copyOf(matching.isEmpty() ? withoutKid : matching);
    }

    @Override
    public boolean isCurrent(SigningKey key) {
        for (SigningKey k : keys) {
            if (k == key) {
                return true;
            }
        }
        return false;
    }

    @Override
    public KeySetStatus status() {
        return KeySetStatus.configured(keys.size());
    }

    @Override
    public String toString() {
        return "StaticKeySource" + keys;
    }

    private static List<SigningKey> parse(String content, KeyOriginException.Origin origin, String what, int minRsaBits) {
        List<SigningKey> parsed;
        try {
            parsed = SigningKeys.fromAnyFormat(content, minRsaBits);
        } catch (ParseException | IllegalArgumentException e) {
            throw KeyOriginException.of(origin, what + " is not a JWKS, JWK or PEM public key: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            throw KeyOriginException.of(origin, what + " holds no usable signing key (RSA of " + minRsaBits + "+ bits, EC P-256/384/521"
                    + " or Ed25519, not use=enc)");
        }
        return parsed;
    }
}
