package dev.tessera.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.tessera.config.BasicEncoding;

/**
 * {@code client_secret_basic}: HTTP Basic credentials, grant in a form body. RFC 6749 §2.3.1 form-url-encodes the id
 * and secret before they become the Basic user-id and password, so {@code :}, {@code %}, {@code +}, spaces and
 * non-ASCII survive ({@link BasicEncoding#FORM}, the default); many providers instead expect base64 of the raw
 * {@code id:secret} ({@link BasicEncoding#RAW}). The two differ only for characters other than letters, digits and
 * {@code . - * _}; for such credentials a 401 names the setting that switches encodings.
 */
final class ClientSecretBasic implements TokenRequestStyle {

    private final String authorization;
    private final Optional<String> unauthorizedHint;

    /**
     * @param encodingKey the configuration key that chooses the encoding, named in the hint after a 401
     */
    ClientSecretBasic(String clientId, String clientSecret, BasicEncoding encoding, String encodingKey) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        String credentials = encoding == BasicEncoding.FORM
                ? FormBody.encode(clientId) + ":" + FormBody.encode(clientSecret)
                : clientId + ":" + clientSecret;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        boolean encodingsDiffer = !FormBody.encode(clientId).equals(clientId) || !FormBody.encode(clientSecret).equals(clientSecret);
        BasicEncoding other = encoding == BasicEncoding.FORM ? BasicEncoding.RAW : BasicEncoding.FORM;
        this.unauthorizedHint = encodingsDiffer ? Optional.of("the client id or secret contains characters that the "
                + encoding.configName() + " and " + other.configName() + " Basic encodings send differently; if the provider"
                + " expects the other one, set " + encodingKey + "=" + other.configName()) : Optional.empty();
    }

    @Override
    public TokenRequest request(URI tokenEndpoint, List<Map.Entry<String, String>> grantParameters, Instant now) {
        return new TokenRequest(Map.of("Content-Type", FormBody.CONTENT_TYPE, "Accept", "application/json",
                "Authorization", authorization), new FormBody(grantParameters).bytes());
    }

    @Override
    public Optional<String> unauthorizedHint() {
        return unauthorizedHint;
    }

    @Override
    public String toString() {
        return "client_secret_basic";
    }
}
