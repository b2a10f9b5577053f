package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * Refuses claims sets that declare themselves another kind of token than an access token, for issuers that
 * do not type their tokens with {@code typ: at+jwt} (threat model row 19):
 * <ul>
 * <li>a {@code typ} claim (Keycloak's token kind) other than {@code Bearer}: {@code ID}, {@code Refresh},
 * {@code Logout}, {@code Offline};</li>
 * <li>{@code at_hash} or {@code c_hash}: defined only for ID tokens (OpenID Connect Core §3.1.3.6, §3.3.2.11);</li>
 * <li>{@code events}: a security event or logout token (RFC 8417 §2.2, OpenID Connect Back-Channel Logout §2.4).</li>
 * </ul>
 */
final class AccessTokenKindRule implements ClaimRule {

    @Override
    public void check(TokenClaims token, Instant now) throws InvalidTokenException {
        JsonObject claims = token.json();
        JsonValue typ = claims.get("typ");
        if (typ != null && !(typ instanceof JsonString kind && kind.getString().equalsIgnoreCase("Bearer"))) {
            throw new InvalidTokenException(Refusal.TOKEN_TYPE, "claims mark another kind of token (typ)");
        }
        if (claims.containsKey("at_hash") || claims.containsKey("c_hash")) {
            throw new InvalidTokenException(Refusal.TOKEN_TYPE, "claims mark an ID token (at_hash, c_hash)");
        }
        if (claims.containsKey("events")) {
            throw new InvalidTokenException(Refusal.TOKEN_TYPE, "claims mark a security event token (events)");
        }
    }
}
