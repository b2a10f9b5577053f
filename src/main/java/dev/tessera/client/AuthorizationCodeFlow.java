package dev.tessera.client;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.tessera.config.AuthorizationCodeGrant;
import dev.tessera.config.AuthorizationServer;
import dev.tessera.config.ClientSettings;
import dev.tessera.issuer.AuthorizationServerMetadata;
import dev.tessera.issuer.Discovery;
import dev.tessera.issuer.HttpFetcher;
import dev.tessera.issuer.HttpFetcher.FetchedResponse;
import dev.tessera.issuer.IssuerMetadataException;

/**
 * The wire side of one client's authorization code grant (RFC 6749 §4.1): the authorization request URL with
 * {@code state} and the PKCE challenge, the code exchange, the refresh (§6) and revocation (RFC 7009). Each token
 * request is sent once: a code is single-use and a refresh token may rotate, so a retried request could only fail or
 * burn a grant. Thread-safe, one per client; holds no user data.
 */
final class AuthorizationCodeFlow {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeFlow.class.getName());

    /**
     * The endpoints in use.
     *
     * @param issuer      the issuer whose {@code iss} authorization responses must carry, when discovered
     * @param issRequired whether the issuer announced {@code iss} in every authorization response (RFC 9207 §3)
     */
    record Endpoints(URI authorization, URI token, Optional<URI> revocation, Optional<URI> issuer, boolean issRequired) {
    }

    /** After a failed discovery, users who start meanwhile get the same answer without another fetch. */
    static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);

    /** The last discovery's failure, and until when that answer stands. */
    private record Failure(TokenUnavailableException error, Instant until) {
    }

    /** A started authorization: what the session keeps, and where the browser goes. */
    record Started(PendingAuthorization pending, URI location) {
    }

    private final ClientSettings.AuthorizationCode settings;
    private final AuthorizationCodeGrant grant;
    private final String client;
    private final TokenRequestStyle style;
    private final SecretMask mask;
    private final HttpFetcher http;
    private final Discovery discovery;
    private final Clock clock;
    private final SecureRandom random;
    private volatile Endpoints endpoints;
    private volatile Failure failure;

    AuthorizationCodeFlow(ClientSettings.AuthorizationCode settings, TokenRequestStyle style, SecretMask mask,
            HttpFetcher http, Clock clock, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.grant = settings.grant();
        this.client = settings.name();
        this.style = Objects.requireNonNull(style, "style");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.http = Objects.requireNonNull(http, "http");
        this.discovery = new Discovery(http);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The client's name. */
    String client() {
        return client;
    }

    /** The client's settings. */
    ClientSettings.AuthorizationCode settings() {
        return settings;
    }

    /**
     * A new authorization: fresh {@code state} and PKCE verifier, and the authorization request URL (RFC 6749 §4.1.1,
     * RFC 7636 §4.3).
     *
     * @throws TokenUnavailableException when the issuer's metadata cannot be had
     */
    Started start(String returnPath) {
        Endpoints e = endpoints();
        Instant now = clock.instant();
        String state = Pkce.newVerifier(random);
        Optional<String> verifier = grant.pkce() ? Optional.of(Pkce.newVerifier(random)) : Optional.empty();
        PendingAuthorization pending = new PendingAuthorization(state, verifier.orElse(null), returnPath,
                now.plus(grant.stateLifetime()));
        return new Started(pending, authorizationUri(e.authorization(), state, verifier.map(Pkce::challenge)));
    }

    /** A new random name for a grant: the key of its single-flight refresh. */
    String newGrantId() {
        return Pkce.newVerifier(random);
    }

    /** The authorization request URL; parameters of the endpoint's own query are kept (RFC 6749 §3.1). */
    URI authorizationUri(URI endpoint, String state, Optional<String> challenge) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(entry("response_type", "code"));
        parameters.add(entry("client_id", grant.clientId()));
        parameters.add(entry("redirect_uri", grant.redirectUri().toString()));
        if (!grant.scope().isEmpty()) {
            parameters.add(entry("scope", String.join(" ", grant.scope().stream().sorted().toList())));
        }
        parameters.add(entry("state", state));
        challenge.ifPresent(c -> {
            parameters.add(entry("code_challenge", c));
            parameters.add(entry("code_challenge_method", Pkce.METHOD));
        });
        grant.extraParameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(parameters::add);
        String query = parameters.stream().map(p -> FormBody.encode(p.getKey()) + "=" + FormBody.encode(p.getValue()))
                .collect(Collectors.joining("&"));
        String base = endpoint.toString();
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + query);
    }

    /**
     * Why the {@code iss} of an authorization response is refused (RFC 9207 §2.4), or empty when it is fine: it must
     * equal the configured issuer exactly, and be present when the issuer announced it.
     */
    Optional<String> issuerProblem(Optional<String> iss) {
        Endpoints e = endpoints();
        if (e.issuer().isEmpty()) {
            return Optional.empty();
        }
        if (iss.isEmpty()) {
            return e.issRequired() ? Optional.of("the response has no iss, which this issuer always sends (RFC 9207)")
                    : Optional.empty();
        }
        return iss.get().equals(e.issuer().get().toString()) ? Optional.empty()
                : Optional.of("the response comes from another issuer than the one this flow was started with (RFC 9207)");
    }

    /**
     * Exchanges the code (RFC 6749 §4.1.3, RFC 7636 §4.5).
     *
     * @throws TokenRequestRefusedException when the token endpoint refuses (such as {@code invalid_grant})
     * @throws TokenUnavailableException    when it cannot be reached or answers something unusable
     */
    TokenResponse.Grant exchange(String code, PendingAuthorization pending) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(entry("grant_type", "authorization_code"));
        parameters.add(entry("code", code));
        parameters.add(entry("redirect_uri", grant.redirectUri().toString()));
        pending.codeVerifier().ifPresent(v -> parameters.add(entry("code_verifier", v)));
        return post(parameters, SecretMask.of(grant.clientId(), Optional.of(code)));
    }

    /**
     * Refreshes (RFC 6749 §6); the scope is not sent, so the grant's scope stays. The verifier is sent only when
     * {@code pkce.verifier-on-refresh} is set.
     *
     * @throws TokenRequestRefusedException when the token endpoint refuses (such as {@code invalid_grant})
     * @throws TokenUnavailableException    when it cannot be reached or answers something unusable
     */
    TokenResponse.Grant refresh(String refreshToken, Optional<String> codeVerifier) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>(List.of(entry("grant_type", "refresh_token"),
                entry("refresh_token", refreshToken)));
        codeVerifier.filter(v -> grant.verifierOnRefresh()).ifPresent(v -> parameters.add(entry("code_verifier", v)));
        return post(parameters,
                SecretMask.of(grant.clientId(), Optional.of(refreshToken)));
    }

    /** Revokes the refresh token, else the access token (RFC 7009 §2.1), when configured; failures are only logged. */
    void revoke(SessionTokens tokens) {
        if (!grant.revokeOnLogout()) {
            return;
        }
        try {
            Optional<URI> endpoint = endpoints().revocation();
            if (endpoint.isEmpty()) {
                LOG.fine(() -> "client '" + client + "': the issuer publishes no revocation_endpoint; tokens only forgotten");
                return;
            }
            boolean refresh = tokens.refresh().isPresent();
            TokenRequest request = style.request(endpoint.get(), List.of(
                    entry("token", refresh ? tokens.refreshToken() : tokens.accessToken()),
                    entry("token_type_hint", refresh ? "refresh_token" : "access_token")), clock.instant());
            int status = http.post(endpoint.get(), request.headers(), request.body()).status();
            LOG.fine(() -> "client '" + client + "': revocation answered HTTP " + status);
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "client '" + client + "': revocation failed: " + e.getClass().getName());
        }
    }

    /**
     * The endpoints, discovered on first use (an issuer down at deployment does not fail it) and then kept. A failed
     * discovery is not repeated for {@link #DISCOVERY_RETRY}: a burst of users at the start page while the issuer is
     * down costs one fetch, not one each.
     */
    Endpoints endpoints() {
        Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        Instant now = clock.instant();
        Failure last = failure;
        if (last != null && now.isBefore(last.until())) {
            throw last.error();
        }
        try {
            e = resolve();
        } catch (TokenUnavailableException unavailable) {
            failure = new Failure(unavailable, now.plus(DISCOVERY_RETRY));
            throw unavailable;
        }
        endpoints = e;
        failure = null;
        return e;
    }

    private Endpoints resolve() {
        if (grant.server() instanceof AuthorizationServer.Endpoints fixed) {
            return new Endpoints(fixed.authorizationEndpoint(), fixed.tokenEndpoint(), grant.revocation(), Optional.empty(), false);
        }
        URI issuer = ((AuthorizationServer.Discovered) grant.server()).issuer();
        try {
            AuthorizationServerMetadata metadata = discovery.discoverAuthorizationServer(issuer);
            Set<String> methods = metadata.codeChallengeMethods();
            if (grant.pkce() && !methods.isEmpty() && !methods.contains(Pkce.METHOD)) {
                // RFC 9700 §2.1.1: never fall back to plain or to no PKCE
                throw new TokenUnavailableException(client, "the issuer lists code_challenge_methods_supported without "
                        + Pkce.METHOD + "; Tessera sends only " + Pkce.METHOD, null);
            }
            return new Endpoints(metadata.authorizationEndpoint(), metadata.tokenEndpoint(),
                    grant.revocation().or(metadata::revocationEndpoint), Optional.of(issuer), metadata.issParameterSupported());
        } catch (IssuerMetadataException e) {
            throw new TokenUnavailableException(client, "the issuer metadata is unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TokenUnavailableException(client, "the issuer metadata could not be fetched: " + e.getMessage(), e);
        }
    }

    private TokenResponse.Grant post(List<Map.Entry<String, String>> parameters, SecretMask grantMask) {
        URI endpoint = endpoints().token();
        Instant now = clock.instant();
        TokenRequest request = style.request(endpoint, parameters, now);
        FetchedResponse response;
        try {
            response = http.post(endpoint, request.headers(), request.body());
        } catch (IOException e) {
            throw new TokenUnavailableException(client, "the token request failed: " + e.getClass().getSimpleName(), e);
        } catch (IllegalArgumentException e) {
            throw new TokenUnavailableException(client, e.getMessage(), e);
        }
        int status = response.status();
        if (status >= 500 || status == 429) {
            throw new TokenUnavailableException(client, "the token endpoint answered HTTP " + status, null);
        }
        SecretMask both = mask.and(grantMask);
        return TokenResponse.parseGrant(client, status, response.header("Content-Type"), response.body(), now,
                grant.scope(), settings.cache().defaultLifetime(), both,
                status == 401 ? style.unauthorizedHint() : Optional.empty());
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new SimpleImmutableEntry<>(name, value);
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[" + client + ", " + style + "]";
    }
}
