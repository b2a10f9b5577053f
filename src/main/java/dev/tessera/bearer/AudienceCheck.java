package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Set;

/**
 * {@code aud} must name one of the configured audiences, as a string or inside an array of strings
 * (RFC 7519 §4.1.3, SECURITY.md row 13). Exact comparison: {@code ours-evil} is not {@code ours}.
 */
final class AudienceCheck implements ClaimCheck {

    private final Set<String> audiences;

    AudienceCheck(Set<String> audiences) {
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("at least one audience is required");
        }
        this.audiences = Set.copyOf(audiences);
    }

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        JsonValue aud = claims.get("aud");
        if (aud instanceof JsonString single && audiences.contains(single.getString())) {
            return;
        }
        if (aud instanceof JsonArray array) {
            boolean ours = false;
            for (JsonValue element : array) {
                if (!(element instanceof JsonString audience)) {
                    throw new InvalidTokenException("aud is not an array of strings");
                }
                ours |= audiences.contains(audience.getString());
            }
            if (ours) {
                return;
            }
        }
        throw new InvalidTokenException("aud does not name this resource server");
    }
}
