package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.MutableClock;
import dev.tessera.testkit.TestIssuer;
import dev.tessera.testkit.TestIssuer.RecordedRequest;

/**
 * The authorization code grant on the wire, with Kanbert's parameters (issue 15): the authorization request of both
 * variants, and the exchange and refresh bodies field by field, against the test issuer's token endpoint.
 */
class AuthorizationCodeWireTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final String REDIRECT = "https://app.example/app/oauth/kanbert/callback";
    private static final String TOKENS = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
            + "\"refresh_token\":\"rt-1\",\"scope\":\"boards:read\"}";

    private final MutableClock clock = new MutableClock(NOW);
    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    private AuthorizationCodeFlow flow(String... keyValues) {
        String[] base = {"authorization-endpoint", "https://api.kanbert.com/oauth/authorize",
                "token-endpoint", issuer.tokenEndpoint().toString()};
        String[] all = Arrays.copyOf(base, base.length + keyValues.length);
        System.arraycopy(keyValues, 0, all, base.length, keyValues.length);
        return build(all);
    }

    /** A public client whose endpoints are discovered from the test issuer. */
    private AuthorizationCodeFlow discovered() {
        issuer.metadataMember("authorization_endpoint", issuer.issuer() + "/authorize");
        return build("issuer", issuer.issuer().toString());
    }

    private AuthorizationCodeFlow build(String... keyValues) {
        String[] base = {"grant", "authorization_code", "client-id", "kanbert-app", "redirect-uri", REDIRECT,
                "scope", "boards:read"};
        String[] all = Arrays.copyOf(base, base.length + keyValues.length);
        System.arraycopy(keyValues, 0, all, base.length, keyValues.length);
        TokenSourceRegistry registry = TokenSourceRegistry.of(Clients.config(Clients.client("kanbert", all)), Set.of("kanbert"),
                clock, pause -> { }, () -> 0, Runnable::run);
        return ((SessionTokenSource) registry.source("kanbert")).flow();
    }

    @Test
    void confidentialAuthorizationRequestHasKanbertsParametersAndTheS256Challenge() {
        AuthorizationCodeFlow.Started started = flow("client-secret", "s3cret", "auth-method", "client_secret_post")
                .start("/app/boards");
        URI location = started.location();
        assertThat(location.toString()).startsWith("https://api.kanbert.com/oauth/authorize?response_type=code&client_id=kanbert-app&");
        Map<String, String> query = query(location.getRawQuery());
        assertThat(query).containsOnlyKeys("response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
                "code_challenge_method");
        assertThat(query).containsEntry("redirect_uri", REDIRECT).containsEntry("scope", "boards:read")
                .containsEntry("state", started.pending().state()).containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", Pkce.challenge(started.pending().verifier()));
        assertThat(location.toString()).doesNotContain("s3cret").doesNotContain(started.pending().verifier());
        assertThat(started.pending().returnPath()).isEqualTo("/app/boards");
        assertThat(started.pending().expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void confidentialClientWithoutPkceSendsNoChallenge() {
        AuthorizationCodeFlow.Started started = flow("client-secret", "s3cret", "pkce", "false").start("/");
        assertThat(query(started.location().getRawQuery())).containsOnlyKeys("response_type", "client_id", "redirect_uri",
                "scope", "state");
        assertThat(started.pending().codeVerifier()).isEmpty();
    }

    @Test
    void publicAuthorizationRequestCarriesTheChallengeAndExtraParameters() {
        AuthorizationCodeFlow.Started started = flow("param.prompt", "consent").start("/");
        Map<String, String> query = query(started.location().getRawQuery());
        assertThat(query).containsEntry("code_challenge_method", "S256").containsEntry("prompt", "consent");
        assertThat(started.pending().state()).isNotEqualTo(started.pending().verifier());
    }

    @Test
    void anEndpointQueryIsKept() {
        AuthorizationCodeFlow flow = build("authorization-endpoint", "https://login.example/authorize?tenant=acme",
                "token-endpoint", issuer.tokenEndpoint().toString());
        assertThat(flow.start("/").location().toString()).startsWith("https://login.example/authorize?tenant=acme&response_type=code&");
    }

    @Test
    void theSecretInTheBodyExchangeIsKanbertsFormFieldByField() {
        AuthorizationCodeFlow flow = flow("client-secret", "s3cret", "auth-method", "client_secret_post");
        PendingAuthorization pending = flow.start("/").pending();
        issuer.enqueueTokenResponse(200, "application/json", TOKENS);

        TokenResponse.Grant grant = flow.exchange("the-code", pending);

        RecordedRequest request = onlyRequest();
        assertThat(request.header("authorization")).isEmpty();
        assertThat(request.header("content-type")).contains("application/x-www-form-urlencoded");
        assertThat(fields(request.body())).containsExactly(
                List.of("grant_type", "authorization_code"), List.of("code", "the-code"), List.of("redirect_uri", REDIRECT),
                List.of("code_verifier", pending.verifier()), List.of("client_id", "kanbert-app"), List.of("client_secret", "s3cret"));
        assertThat(grant.access().value()).isEqualTo("at-1");
        assertThat(grant.refreshToken()).hasValue("rt-1");
        assertThat(grant.access().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void thePkceExchangeOfAPublicClientSendsTheVerifierAndNoSecret() {
        AuthorizationCodeFlow flow = flow();
        PendingAuthorization pending = flow.start("/").pending();
        issuer.enqueueTokenResponse(200, "application/json", TOKENS);

        flow.exchange("the-code", pending);

        RecordedRequest request = onlyRequest();
        assertThat(request.header("authorization")).isEmpty();
        assertThat(fields(request.body())).containsExactly(
                List.of("grant_type", "authorization_code"), List.of("code", "the-code"), List.of("redirect_uri", REDIRECT),
                List.of("code_verifier", pending.verifier()), List.of("client_id", "kanbert-app"));
        assertThat(Pkce.isVerifier(pending.verifier())).isTrue();
    }

    @Test
    void theBasicExchangeSendsTheCredentialsInTheHeaderOnly() {
        AuthorizationCodeFlow flow = flow("client-secret", "s3cret");
        PendingAuthorization pending = flow.start("/").pending();
        issuer.enqueueTokenResponse(200, "application/json", TOKENS);

        flow.exchange("the-code", pending);

        RecordedRequest request = onlyRequest();
        assertThat(request.header("authorization")).hasValue("Basic "
                + Base64.getEncoder().encodeToString("kanbert-app:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(fields(request.body())).containsExactly(
                List.of("grant_type", "authorization_code"), List.of("code", "the-code"), List.of("redirect_uri", REDIRECT),
                List.of("code_verifier", pending.verifier()));
    }

    @Test
    void theRefreshSendsTheRefreshTokenAndNoScope() {
        AuthorizationCodeFlow flow = flow();
        issuer.enqueueTokenResponse(200, "application/json", TOKENS.replace("rt-1", "rt-2"));

        TokenResponse.Grant grant = flow.refresh("rt-1", Optional.of("v".repeat(43)));

        assertThat(fields(onlyRequest().body())).containsExactly(List.of("grant_type", "refresh_token"),
                List.of("refresh_token", "rt-1"), List.of("client_id", "kanbert-app"));
        assertThat(grant.refreshToken()).hasValue("rt-2");
    }

    @Test
    void aProviderThatWantsTheVerifierOnRefreshGetsItOnlyWhenConfigured() {
        AuthorizationCodeFlow flow = flow("pkce.verifier-on-refresh", "true");
        issuer.enqueueTokenResponse(200, "application/json", TOKENS);

        flow.refresh("rt-1", Optional.of("v".repeat(43)));

        assertThat(fields(onlyRequest().body())).containsExactly(List.of("grant_type", "refresh_token"),
                List.of("refresh_token", "rt-1"), List.of("code_verifier", "v".repeat(43)), List.of("client_id", "kanbert-app"));
    }

    @Test
    void aRefusedCodeIsATypedErrorWithoutTheCodeInItsMessage() {
        AuthorizationCodeFlow flow = flow();
        PendingAuthorization pending = flow.start("/").pending();
        issuer.enqueueTokenResponse(400, "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"code the-code-value was used\"}");

        assertThatThrownBy(() -> flow.exchange("the-code-value", pending))
                .isInstanceOfSatisfying(TokenRequestRefusedException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"))
                .hasMessageNotContaining("the-code-value").hasMessageNotContaining(pending.verifier());
    }

    @Test
    void anIssuerMustBeTheConfiguredOneWhenItAnswers() {
        AuthorizationCodeFlow flow = discovered();
        assertThat(flow.issuerProblem(Optional.empty())).isEmpty();
        assertThat(flow.issuerProblem(Optional.of(issuer.issuer().toString()))).isEmpty();
        assertThat(flow.issuerProblem(Optional.of("https://attacker.example"))).get().asString().contains("RFC 9207");
        assertThat(flow.issuerProblem(Optional.of(issuer.issuer() + "/"))).isPresent();
    }

    @Test
    void anIssuerThatAnnouncesIssMustSendIt() {
        issuer.metadataMember("authorization_response_iss_parameter_supported", true);
        AuthorizationCodeFlow flow = discovered();
        assertThat(flow.issuerProblem(Optional.empty())).get().asString().contains("no iss");
    }

    @Test
    void anIssuerWithoutS256IsRefusedRatherThanDowngraded() {
        issuer.metadataMember("code_challenge_methods_supported", List.of("plain"));
        AuthorizationCodeFlow flow = discovered();
        assertThatThrownBy(() -> flow.start("/")).isInstanceOf(TokenUnavailableException.class).hasMessageContaining("S256");
    }

    private RecordedRequest onlyRequest() {
        assertThat(issuer.tokenRequests()).hasSize(1);
        return issuer.tokenRequests().get(0);
    }

    /** The form fields in order, as [name, value] pairs. */
    private static List<List<String>> fields(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
                .map(p -> List.of(decode(p[0]), decode(p[1]))).toList();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (List<String> field : fields(raw)) {
            assertThat(query.put(field.get(0), field.get(1))).as("parameter %s once", field.get(0)).isNull();
        }
        return query;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aFailedDiscoveryIsNotRepeatedForEveryUserWhoStartsMeanwhile() {
        AuthorizationCodeFlow flow = discovered();
        issuer.discovery(false, false); // both metadata documents answer 404
        issuer.resetCounts();
        assertThatThrownBy(() -> flow.start("/")).isInstanceOf(TokenUnavailableException.class);
        int fetches = issuer.requestCount("openid-configuration") + issuer.requestCount("oauth-authorization-server");
        assertThat(fetches).as("the first start tries discovery").isPositive();

        issuer.discovery(true, false);
        assertThatThrownBy(() -> flow.start("/")).as("within the retry interval: the same answer, no fetch")
                .isInstanceOf(TokenUnavailableException.class);
        assertThat(issuer.requestCount("openid-configuration") + issuer.requestCount("oauth-authorization-server"))
                .isEqualTo(fetches);

        clock.advance(AuthorizationCodeFlow.DISCOVERY_RETRY);
        assertThat(flow.start("/").location().toString()).startsWith(issuer.issuer() + "/authorize?");
    }
}
