package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.time.Instant;
import java.util.List;

/**
 * The registered claims that the principal exposes have their RFC 7519 §4.1 types: {@code iss}, {@code sub},
 * {@code jti} are strings; {@code aud} is a string or an array of strings.
 */
final class RegisteredClaimsCheck implements ClaimCheck {

    private static final List<String> STRING_CLAIMS = List.of("iss", "sub", "jti");

    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        for (String name : STRING_CLAIMS) {
            ValueType type = TokenJsonObject.typeOf(claims, name);
            if (type != null && type != ValueType.STRING) {
                throw new InvalidTokenException(name + " is not a string");
            }
        }
        JsonValue aud = claims.get("aud");
        if (aud != null && !(aud instanceof JsonString) && !isStringArray(aud)) {
            throw new InvalidTokenException("aud is neither a string nor an array of strings");
        }
    }

    private static boolean isStringArray(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return false;
        }
        for (JsonValue element : array) {
            if (!(element instanceof JsonString)) {
                return false;
            }
        }
        return true;
    }
}
