package dev.tessera.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code client_secret_basic}: HTTP Basic with the form-url-encoded client id and secret, grant in a form body.
 * RFC 6749 §2.3.1: the id and secret are encoded with application/x-www-form-urlencoded before they become
 * the Basic user-id and password, so {@code :}, {@code %}, {@code +}, spaces and non-ASCII survive.
 */
final class ClientSecretBasic implements TokenRequestStyle {

    private final String authorization;

    ClientSecretBasic(String clientId, String clientSecret) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        String credentials = FormBody.encode(clientId) + ":" + FormBody.encode(clientSecret);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now) {
        return new TokenRequest(Map.of("Content-Type", FormBody.CONTENT_TYPE, "Accept", "application/json",
                "Authorization", authorization), new FormBody(grantParameters).bytes());
    }

    @Override
    public String toString() {
        return "client_secret_basic";
    }
}
