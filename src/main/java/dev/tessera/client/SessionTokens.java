package dev.tessera.client;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One user's tokens of one client, as kept in the HTTP session: small, immutable and {@link Serializable}, so that a
 * distributed session cache can carry it to another server. Replaced as a whole (and set again on the session) on
 * every change. Its {@link #toString()} leaves the tokens out.
 *
 * @param grantId      a random name of this grant, which survives refreshes: the key of the per-user single flight
 * @param accessToken  the access token (secret)
 * @param obtainedAt   when the access token was obtained
 * @param expiresAt    when the access token expires
 * @param scope        the granted scope
 * @param refreshToken the refresh token (secret), or {@code null}
 * @param codeVerifier the PKCE verifier of the grant (secret), kept only for providers that demand it on refresh
 */
record SessionTokens(String grantId, String accessToken, Instant obtainedAt, Instant expiresAt, List<String> scope, String refreshToken,
        String codeVerifier) implements Serializable {

    private static final long serialVersionUID = 1L;

    SessionTokens {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scope = List.copyOf(scope);
    }

    /** The tokens of a token response; a response without a refresh token keeps {@code previousRefreshToken}. */
    static SessionTokens of(String grantId, TokenResponse.Grant grant, Instant now, Optional<String> previousRefreshToken,
            Optional<String> codeVerifier) {
        AccessToken access = grant.access();
        return new SessionTokens(grantId, access.value(), now, access.expiresAt(), access.scope().stream().sorted().toList(),
                grant.refreshToken().or(() -> previousRefreshToken).orElse(null), codeVerifier.orElse(null));
    }

    /** The access token. */
    AccessToken access() {
        return AccessToken.bearer(accessToken, expiresAt, Set.copyOf(scope));
    }

    /** These tokens with the access token expired: the next use refreshes them. */
    SessionTokens expired() {
        return new SessionTokens(grantId, accessToken, obtainedAt, obtainedAt, scope, refreshToken, codeVerifier);
    }

    /** The refresh token, when the provider issued one. */
    Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    @Override
    public String toString() {
        return "SessionTokens[grantId=" + grantId + ", expiresAt=" + expiresAt + ", scope=" + scope + ", accessToken=***, refreshToken="
                + (refreshToken == null ? "-" : "***") + ", codeVerifier=" + (codeVerifier == null ? "-" : "***") + "]";
    }
}
