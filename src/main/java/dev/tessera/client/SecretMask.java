package dev.tessera.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Hides a client secret in text that came back from a token endpoint, in every form a request carries it: raw,
 * form-url-encoded, JSON-escaped, and inside the base64 {@code Basic} credentials of either encoding. A second line of
 * defence: messages are built from parsed fields, but a field may echo the request.
 */
final class SecretMask {

    static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> forms;

    private SecretMask(List<String> forms) {
        this.forms = forms;
    }

    /** A mask for the secret of {@code clientId}; {@link #NONE} when the client sends no secret. */
    static SecretMask of(String clientId, Optional<String> secret) {
        if (secret.isEmpty() || secret.get().isEmpty()) {
            return NONE;
        }
        String raw = secret.get();
        Set<String> forms = new LinkedHashSet<>();
        forms.add(raw);
        forms.add(FormBody.encode(raw));
        forms.add(FormBody.encode(raw).replace("+", "%20"));
        String json = JSONObjectUtils.toJSONString(Map.of("s", raw));
        forms.add(json.substring("{\"s\":\"".length(), json.length() - 2));
        forms.add(json.substring("{\"s\":\"".length(), json.length() - 2).replace("\\/", "/"));
        forms.add(base64(FormBody.encode(clientId) + ":" + FormBody.encode(raw)));
        forms.add(base64(clientId + ":" + raw));
        List<String> longestFirst = new ArrayList<>(forms);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMask(List.copyOf(longestFirst));
    }

    /** A mask hiding the secrets of both masks: the client secret and, say, the code or refresh token of one request. */
    SecretMask and(SecretMask other) {
        List<String> both = new ArrayList<>(forms);
        both.addAll(other.forms);
        both.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMask(List.copyOf(both));
    }

    /** {@code text} with every form of the secret replaced by {@code ***}. */
    String apply(String text) {
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, "***");
        }
        return masked;
    }

    private static String base64(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
