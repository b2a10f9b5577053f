package dev.tessera.issuer;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of an issuer's metadata that the authorization code grant uses.
 *
 * @param issuer                 the {@code issuer}, equal to the configured one
 * @param authorizationEndpoint  {@code authorization_endpoint}
 * @param tokenEndpoint          {@code token_endpoint}
 * @param revocationEndpoint     {@code revocation_endpoint} (RFC 7009), when published
 * @param issParameterSupported  {@code authorization_response_iss_parameter_supported} (RFC 9207 §3): every
 *                               authorization response then carries {@code iss}
 * @param codeChallengeMethods   {@code code_challenge_methods_supported} (RFC 8414 §2), empty when not published
 */
public record AuthorizationServerMetadata(URI issuer, URI authorizationEndpoint, URI tokenEndpoint,
        Optional<URI> revocationEndpoint, boolean issParameterSupported, Set<String> codeChallengeMethods) {

    public AuthorizationServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(revocationEndpoint, "revocationEndpoint");
        codeChallengeMethods = Set.copyOf(codeChallengeMethods);
    }
}
