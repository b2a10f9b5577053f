package dev.tessera.issuer;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.List;

import dev.tessera.config.FetchPolicy;
import dev.tessera.jose.KeyLoader;
import dev.tessera.jose.KeyLoader.DecryptionKey;
import dev.tessera.jose.KeyLocation;

/**
 * Loads the private keys of {@code mp.jwt.decrypt.key.location} once, at deployment: from a file or classpath
 * resource with the bounded read of {@link KeyLocation}, or from an https (loopback http) URL with the bounded
 * {@link HttpFetcher}. Errors name the location, never key material.
 */
final class DecryptionKeys {

    private DecryptionKeys() {
    }

    /**
     * @throws KeyOriginException ({@link KeyOriginException.Origin#DECRYPT_KEY_LOCATION}) when the location cannot be
     *                            read or holds no RSA private key of 2048 bits or more
     */
    static List<DecryptionKey> load(String location, FetchPolicy fetch) {
        KeyLocation where = new KeyLocation(location);
        String content = read(where, fetch);
        try {
            return KeyLoader.decryptionKeys(content);
        } catch (ParseException | IllegalArgumentException e) {
            throw problem(where.shown() + " " + (e instanceof ParseException ? e.getMessage()
                    : "is not a usable private key"));
        }
    }

    private static String read(KeyLocation where, FetchPolicy fetch) {
        if (!where.isUrl()) {
            try {
                return where.read();
            } catch (IOException e) {
                throw problem(e.getMessage());
            }
        }
        try (HttpFetcher fetcher = new HttpFetcher(fetch)) {
            HttpFetcher.FetchedResponse response = fetcher.get(new URI(where.location()));
            if (response.status() != 200) {
                throw problem(where.shown() + " answered HTTP " + response.status());
            }
            return response.text();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw problem(where.shown() + " is not an https URL"
                    + " (plain http only for loopback hosts or when insecure http is allowed)");
        } catch (IOException e) {
            throw problem(where.shown() + " cannot be fetched: " + e.getMessage());
        }
    }

    private static KeyOriginException problem(String reason) {
        return KeyOriginException.of(KeyOriginException.Origin.DECRYPT_KEY_LOCATION, reason);
    }
}
