package dev.tessera.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * {@code client_secret_json}: one JSON object with {@code client_id}, {@code client_secret} and the grant
 * parameters, as Auth0-style endpoints expect. A parameter given more than once (several {@code resource}
 * indicators) becomes a JSON array.
 */
final class ClientSecretJson implements TokenRequestStyle {

    private final String clientId;
    private final String clientSecret;

    ClientSecretJson(String clientId, String clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", clientId);
        json.put("client_secret", clientSecret);
        for (Map.Entry<String, String> parameter : grantParameters) {
            json.merge(parameter.getKey(), parameter.getValue(), (old, added) -> {
                List<Object> values = old instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(old));
                values.add(added);
                return values;
            });
        }
        return new TokenRequest(Map.of("Content-Type", "application/json", "Accept", "application/json"),
                JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "client_secret_json";
    }
}
