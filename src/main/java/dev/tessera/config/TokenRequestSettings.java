package dev.tessera.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client obtains tokens from a token endpoint with the client credentials grant.
 *
 * @param tokenEndpoint the token endpoint; exactly one of tokenEndpoint and issuer is present
 * @param issuer        an issuer whose metadata names the token endpoint (OpenID Connect Discovery / RFC 8414)
 * @param clientId      the client identifier
 * @param authMethod    how the client authenticates
 * @param clientSecret  the secret, present exactly when {@code authMethod} uses one
 * @param privateKey    the signing key, present exactly for {@code private_key_jwt}
 * @param grant         scope, audience, resources and extra parameters
 */
public record TokenRequestSettings(Optional<URI> tokenEndpoint, Optional<URI> issuer, String clientId,
        ClientAuthMethod authMethod, Optional<String> clientSecret, Optional<ClientKey> privateKey,
        ClientCredentialsGrant grant) {

    public TokenRequestSettings {
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(grant, "grant");
        if (tokenEndpoint.isPresent() == issuer.isPresent()) {
            throw new IllegalArgumentException("exactly one of tokenEndpoint and issuer is required");
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (authMethod.usesSecret() != clientSecret.isPresent()) {
            throw new IllegalArgumentException(authMethod.configName() + (authMethod.usesSecret()
                    ? " needs a client secret" : " does not use a client secret"));
        }
        if ((authMethod == ClientAuthMethod.PRIVATE_KEY_JWT) != privateKey.isPresent()) {
            throw new IllegalArgumentException("a private key is used exactly with private_key_jwt");
        }
    }

    @Override
    public String toString() {
        return "TokenRequestSettings[" + tokenEndpoint.map(u -> "tokenEndpoint=" + u).orElseGet(() -> "issuer=" + issuer.orElseThrow())
                + ", clientId=" + clientId + ", authMethod=" + authMethod.configName()
                + clientSecret.map(s -> ", clientSecret=***").orElse("") + privateKey.map(k -> ", privateKey=" + k).orElse("")
                + ", grant=" + grant + "]";
    }
}
