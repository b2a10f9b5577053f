package dev.tessera.issuer;

import java.io.IOException;

/**
 * The issuer answered, but its metadata document is wrong: not JSON, a different {@code issuer}, a missing
 * or insecure {@code jwks_uri}. Unlike a plain {@link IOException}, waiting will not fix it; the issuer or the
 * configuration must change.
 */
public final class IssuerMetadataException extends IOException {

    private static final long serialVersionUID = 1L;

    IssuerMetadataException(String message) {
        super(message);
    }

    IssuerMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
