package dev.tessera.config;

import java.net.URI;
import java.util.Objects;

/** Where a user is sent to authorize a client and where the code is exchanged: discovered from an issuer, or configured. */
public sealed interface AuthorizationServer {

    /**
     * The endpoints of this issuer's metadata (OpenID Connect Discovery or RFC 8414, {@code issuer}); the
     * {@code iss} of an authorization response is compared with it (RFC 9207).
     */
    record Discovered(URI issuer) implements AuthorizationServer {
        public Discovered {
            Objects.requireNonNull(issuer, "issuer");
        }
    }

    /** Configured endpoints ({@code authorization-endpoint} and {@code token-endpoint}). */
    record Endpoints(URI authorizationEndpoint, URI tokenEndpoint) implements AuthorizationServer {
        public Endpoints {
            Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            if (authorizationEndpoint.getRawFragment() != null) {
                // RFC 6749 §3.1: the endpoint URI MUST NOT include a fragment component
                throw new SettingRefusedException("authorization-endpoint", "must not have a fragment (RFC 6749 §3.1)");
            }
        }
    }
}
