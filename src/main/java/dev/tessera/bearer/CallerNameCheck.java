package dev.tessera.bearer;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;

/**
 * The token must name its caller: {@code upn}, else {@code preferred_username}, else {@code sub}, as a string
 * (MicroProfile JWT 2.1 "Minimum MP-JWT Required Claims"). The first non-empty one is the principal name.
 */
final class CallerNameCheck implements ClaimCheck {

    private static final List<String> NAME_CLAIMS = List.of("upn", "preferred_username", "sub");

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        if (callerName(claims) == null) {
            throw new InvalidTokenException("token names no caller (upn, preferred_username or sub)");
        }
    }

    /** The principal name by MicroProfile JWT precedence, or {@code null}. */
    static String callerName(JsonObject claims) {
        for (String name : NAME_CLAIMS) {
            if (claims.get(name) instanceof JsonString value && !value.getString().isEmpty()) {
                return value.getString();
            }
        }
        return null;
    }
}
