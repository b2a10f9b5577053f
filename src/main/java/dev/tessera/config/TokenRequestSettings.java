package dev.tessera.config;

import java.util.Objects;

/**
 * How a client obtains tokens from a token endpoint with the client credentials grant.
 *
 * @param endpoint       where the requests go
 * @param clientId       the client identifier
 * @param authentication how the client authenticates, with its secret or key
 * @param grant          scope, audience, resources and extra parameters
 */
public record TokenRequestSettings(TokenEndpointLocation endpoint, String clientId, ClientAuthentication authentication,
        ClientCredentialsGrant grant) {

    public TokenRequestSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(grant, "grant");
        if (clientId.isBlank()) {
            throw new SettingRefusedException("client-id", "the client id must not be blank");
        }
    }
}
