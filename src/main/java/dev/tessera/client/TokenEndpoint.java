package dev.tessera.client;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;

import dev.tessera.issuer.Discovery;
import dev.tessera.issuer.IssuerMetadataException;

/** Where a client's token requests go: a configured URL, or the {@code token_endpoint} of its issuer's metadata. */
interface TokenEndpoint {

    /**
     * The token endpoint URL.
     *
     * @throws IOException when the issuer's metadata cannot be fetched
     *                     ({@link IssuerMetadataException} when it is wrong, which retrying does not fix)
     */
    URI uri() throws IOException;

    /** A configured token endpoint. */
    static TokenEndpoint fixed(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return () -> uri;
    }

    /**
     * The {@code token_endpoint} of {@code issuer}, discovered on first use (so an issuer that is down at
     * deployment does not fail it) and then kept. Discovery checks that the metadata names exactly this issuer
     * and that the endpoint is https (or loopback http, or insecure http is allowed).
     */
    static TokenEndpoint discovered(Discovery discovery, URI issuer) {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(issuer, "issuer");
        return new TokenEndpoint() {
            private volatile URI found;

            @Override
            public URI uri() throws IOException {
                URI uri = found;
                if (uri == null) {
                    uri = discovery.discoverTokenEndpoint(issuer);
                    found = uri;
                }
                return uri;
            }

            @Override
            public String toString() {
                return "token_endpoint of " + issuer;
            }
        };
    }
}
