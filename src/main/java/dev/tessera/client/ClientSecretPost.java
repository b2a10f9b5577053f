package dev.tessera.client;

import java.net.URI;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code client_secret_post}: {@code client_id} and {@code client_secret} as form fields (RFC 6749 §2.3.1). */
final class ClientSecretPost implements TokenRequestStyle {

    private final String clientId;
    private final String clientSecret;

    ClientSecretPost(String clientId, String clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(grantParameters);
        fields.add(new SimpleImmutableEntry<>("client_id", clientId));
        fields.add(new SimpleImmutableEntry<>("client_secret", clientSecret));
        return new TokenRequest(Map.of("Content-Type", FormBody.CONTENT_TYPE, "Accept", "application/json"),
                new FormBody(fields).bytes());
    }

    @Override
    public String toString() {
        return "client_secret_post";
    }
}
