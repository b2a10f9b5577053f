package dev.tessera.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A client that obtains tokens on behalf of a browser user with the authorization code grant (RFC 6749 §4.1), as a
 * confidential client (with client authentication) or a public one (PKCE, RFC 7636, required then).
 *
 * @param server            where the user authorizes and the code is exchanged
 * @param revocation        the RFC 7009 endpoint, when configured (with {@code issuer} it may also be discovered)
 * @param revokeOnLogout    whether logout revokes the tokens at the provider
 * @param clientId          the client identifier
 * @param authentication    how the client authenticates at the token endpoint; {@link ClientAuthentication.None} for a public client
 * @param pkce              whether {@code code_challenge} ({@code S256}) and {@code code_verifier} are sent
 * @param redirectUri       the registered redirection endpoint (RFC 6749 §3.1.2); its path is the callback
 * @param scope             requested scope values
 * @param extraParameters   further authorization request parameters ({@code param.<key>})
 * @param startPath         the path below the context root that starts the flow
 * @param logoutPath        the path below the context root that forgets the user's tokens
 * @param stateLifetime     how long a started authorization may take to come back
 * @param verifierOnRefresh whether refresh requests repeat the {@code code_verifier}, which Open Liberty's provider
 *                          demands of grants started with PKCE (RFC 6749 §6 has no such parameter)
 */
public record AuthorizationCodeGrant(AuthorizationServer server, Optional<URI> revocation, boolean revokeOnLogout,
        String clientId, ClientAuthentication authentication, boolean pkce, URI redirectUri, Set<String> scope,
        Map<String, String> extraParameters, String startPath, String logoutPath, Duration stateLifetime,
        boolean verifierOnRefresh) {

    /** Parameter names Tessera sets itself on the authorization request; an extra parameter may not use them. */
    public static final Set<String> RESERVED = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    public AuthorizationCodeGrant {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scope = Set.copyOf(scope);
        extraParameters = Map.copyOf(extraParameters);
        Objects.requireNonNull(startPath, "startPath");
        Objects.requireNonNull(logoutPath, "logoutPath");
        Objects.requireNonNull(stateLifetime, "stateLifetime");
        if (clientId.isBlank()) {
            throw new SettingRefusedException("client-id", "the client id must not be blank");
        }
        if (!pkce && authentication instanceof ClientAuthentication.None) {
            // RFC 9700 §2.1.1: public clients MUST use PKCE; without it a stolen code is as good as the token
            throw new SettingRefusedException("pkce", "a public client (no client authentication) must use PKCE; remove pkce=false");
        }
        if (authentication instanceof ClientAuthentication.SecretJson) {
            throw new SettingRefusedException("auth-method", "client_secret_json is for client credentials only;"
                    + " use client_secret_basic, client_secret_post, private_key_jwt or none");
        }
        // RFC 6749 §3.1.2: absolute, no fragment
        if (redirectUri.getRawFragment() != null || redirectUri.getRawQuery() != null
                || redirectUri.getRawPath() == null || !PATH.matcher(redirectUri.getRawPath()).matches()) {
            throw new SettingRefusedException("redirect-uri", "must be an absolute http(s) URL with a path and no query"
                    + " or fragment (RFC 6749 §3.1.2), such as https://app.example/app/oauth/callback");
        }
        ClientCredentialsGrant.requireScopeSyntax(scope);
        for (String name : extraParameters.keySet()) {
            if (name.isEmpty() || RESERVED.contains(name)) {
                throw new SettingRefusedException("param." + name, "parameter '" + name + "' is set by Tessera; use the"
                        + " dedicated key or remove it");
            }
        }
        requirePath("start-path", startPath);
        requirePath("logout-path", logoutPath);
        if (startPath.equals(logoutPath)) {
            throw new SettingRefusedException("logout-path", "must differ from start-path");
        }
        if (stateLifetime.isNegative() || stateLifetime.isZero()) {
            throw new SettingRefusedException("state-lifetime", "must be positive");
        }
        if (verifierOnRefresh && !pkce) {
            throw new SettingRefusedException("pkce.verifier-on-refresh", "needs pkce=true");
        }
        if (revokeOnLogout && revocation.isEmpty() && server instanceof AuthorizationServer.Endpoints) {
            throw new SettingRefusedException("revocation-endpoint", "revoke-on-logout needs a revocation endpoint"
                    + " (set revocation-endpoint, or issuer to discover it)");
        }
    }

    /** Whether the client sends no credential: a public client (RFC 6749 §2.1). */
    public boolean isPublic() {
        return authentication instanceof ClientAuthentication.None;
    }

    private static void requirePath(String key, String path) {
        if (!PATH.matcher(path).matches()) {
            throw new SettingRefusedException(key, "must be a path such as /oauth/start: '/' and segments of letters,"
                    + " digits and - . _ ~, without query, '*' or '//'");
        }
    }

    @Override
    public String toString() {
        return "AuthorizationCodeGrant[server=" + server + ", clientId=" + clientId + ", authentication="
                + authentication.method().configName() + ", pkce=" + pkce + ", redirectUri=" + redirectUri + ", scope="
                + new TreeSet<>(scope) + ", extraParameters=" + new TreeSet<>(extraParameters.keySet()) + "]";
    }
}
