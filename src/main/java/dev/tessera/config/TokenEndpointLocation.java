package dev.tessera.config;

import java.net.URI;
import java.util.Objects;

/** Where a client's token requests go: a configured URL, or the {@code token_endpoint} its issuer's metadata names. */
public sealed interface TokenEndpointLocation {

    /** A configured token endpoint ({@code token-endpoint}). */
    record Fixed(URI url) implements TokenEndpointLocation {
        public Fixed {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The token endpoint of this issuer, found with OpenID Connect Discovery or RFC 8414 ({@code issuer}). */
    record Discovered(URI issuer) implements TokenEndpointLocation {
        public Discovered {
            Objects.requireNonNull(issuer, "issuer");
        }
    }
}
