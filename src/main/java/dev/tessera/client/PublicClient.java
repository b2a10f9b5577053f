package dev.tessera.client;

import java.net.URI;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code none}: a public client names itself with {@code client_id} in the form body and sends no credential (RFC 6749 §4.1.3). */
final class PublicClient implements TokenRequestStyle {

    private final String clientId;

    PublicClient(String clientId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(grantParameters);
        fields.add(new SimpleImmutableEntry<>("client_id", clientId));
        return new TokenRequest(Map.of("Content-Type", FormBody.CONTENT_TYPE, "Accept", "application/json"),
                new FormBody(fields).bytes());
    }

    @Override
    public String toString() {
        return "none";
    }
}
