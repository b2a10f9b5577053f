package dev.tessera.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a client authenticates at the token endpoint, and with it the shape of the request body:
 * {@link ClientSecretBasic}, {@link ClientSecretPost}, {@link ClientSecretJson} or {@link PrivateKeyJwt}.
 */
interface TokenRequestStyle {

    /**
     * The request for a client credentials grant.
     *
     * @param tokenEndpoint   where the request goes (the audience of a client assertion)
     * @param grantParameters {@code grant_type} first, then scope, audience, resources and extra parameters
     * @param now             the current time
     */
    TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now);

    /** A likely cause to name when the token endpoint answers 401, never with a secret in it. */
    default Optional<String> unauthorizedHint() {
        return Optional.empty();
    }
}
