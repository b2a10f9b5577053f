package dev.tessera.issuer;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an issuer's OpenID Connect / RFC 8414 metadata that Tessera uses.
 *
 * @param issuer        the {@code issuer}, equal to the configured one
 * @param jwksUri       the {@code jwks_uri}
 * @param tokenEndpoint the {@code token_endpoint}, when published
 */
public record IssuerMetadata(URI issuer, URI jwksUri, Optional<URI> tokenEndpoint) {

    public IssuerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    }
}
