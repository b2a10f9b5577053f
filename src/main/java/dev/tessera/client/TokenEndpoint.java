package dev.tessera.client;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;

import dev.tessera.issuer.Discovery;
import dev.tessera.issuer.HttpFetcher;
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
     * deployment does not fail it) and then kept. Discovery checks that the metadata names exactly this issuer.
     */
    static TokenEndpoint discovered(Discovery discovery, URI issuer, boolean allowInsecureHttp) {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(issuer, "issuer");
        return new TokenEndpoint() {
            private volatile URI found;

            @Override
            public URI uri() throws IOException {
                URI uri = found;
                if (uri == null) {
                    uri = discovery.discover(issuer).tokenEndpoint().orElseThrow(() ->
                            new IssuerMetadataException("the metadata of " + issuer + " has no token_endpoint"));
                    try {
                        HttpFetcher.requireSecure(uri, allowInsecureHttp);
                    } catch (IllegalArgumentException e) {
                        throw new IssuerMetadataException("the token_endpoint of " + issuer + " is refused: " + e.getMessage());
                    }
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
