package dev.tessera.config;

import java.net.URI;
import java.util.Objects;

/** Where the signing keys of a trusted issuer come from. */
public sealed interface KeyOrigin {

    /** From the issuer's OpenID Connect / RFC 8414 metadata: its {@code jwks_uri}. */
    record Discovered() implements KeyOrigin {
    }

    /**
     * From a URL that serves a JWKS (or PEM), fetched and refreshed like a discovered key set.
     *
     * @param uri an absolute http(s) URL
     */
    record KeysUrl(URI uri) implements KeyOrigin {
        public KeysUrl {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /**
     * From a file or class-path resource ({@code file:}, {@code classpath:} or a path), read once at deployment.
     *
     * @param location the location as configured
     */
    record Location(String location) implements KeyOrigin {
        public Location {
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("a key location must not be empty");
            }
        }
    }

    /**
     * Given inline: a JWKS, a JWK or PEM text.
     *
     * @param content the keys themselves
     */
    record Inline(String content) implements KeyOrigin {
        public Inline {
            if (content == null || content.isBlank()) {
                throw new IllegalArgumentException("inline keys must not be empty");
            }
        }

        @Override
        public String toString() {
            return "Inline[" + content.length() + " characters]";
        }
    }

    KeyOrigin DISCOVERED = new Discovered();
}
