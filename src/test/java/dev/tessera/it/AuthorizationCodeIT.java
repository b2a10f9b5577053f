package dev.tessera.it;

import static dev.tessera.it.ProviderPages.authorizationUrl;
import static dev.tessera.it.ProviderPages.consentForm;
import static dev.tessera.it.ProviderPages.formData;
import static dev.tessera.it.ProviderPages.json;
import static dev.tessera.it.ProviderPages.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.json.JsonObject;

import dev.tessera.client.SessionTokensProbe;
import dev.tessera.it.authorization.ProfileResource;
import dev.tessera.it.authorization.UpstreamResource;

/**
 * The authorization code grant end to end against Liberty's own OpenID Connect provider (an authorization server
 * Tessera did not write) on the same server: start, the provider's login form, consent, the callback, an API call
 * with the user's token, refresh after expiry, logout; the public client with PKCE and the confidential client with
 * its secret in the body or as Basic; and the failures. The provider's access tokens live 8 seconds
 * (server-config/authorization-code/server.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("authorization-code") // runs only on tessera-<port>-authorization-code (pom.xml: integration-tests-authorization-code)
class AuthorizationCodeIT {

    static final String PORT = System.getProperty("liberty.http.port");
    /** The provider and the application on two host names, so that their cookies stay apart as in real life. */
    static final String ISSUER = "http://127.0.0.1:" + PORT + "/oidc/endpoint/OP";
    static final String APP = "http://localhost:" + PORT + "/ac/";
    static final String CALLBACKS = APP + "oauth/";

    @Deployment
    static WebArchive deployment() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("tessera.bearer.roles-claim", "scope");
        // public client: PKCE, no secret, endpoints discovered
        client(config, "pub", Map.of("issuer", ISSUER, "client-id", "pub", "pkce.verifier-on-refresh", "true"));
        // confidential client as Kanbert shows it: the secret in the form body; configured endpoints; revocation
        client(config, "conf", Map.of("authorization-endpoint", ISSUER + "/authorize", "token-endpoint", ISSUER + "/token",
                "client-id", "conf", "client-secret", "conf-secret", "auth-method", "client_secret_post",
                "revocation-endpoint", ISSUER + "/revoke", "revoke-on-logout", "true", "pkce.verifier-on-refresh", "true"));
        // confidential client with Basic and without PKCE
        client(config, "basic", Map.of("issuer", ISSUER, "client-id", "conf", "client-secret", "conf-secret", "pkce", "false"));
        // a client whose scope is not pre-authorized: the provider asks for consent
        client(config, "asks", Map.of("issuer", ISSUER, "client-id", "asks", "client-secret", "asks-secret"));
        // the same client asking the provider not to show any page: it answers with an error response
        client(config, "silent", Map.of("issuer", ISSUER, "client-id", "asks", "client-secret", "asks-secret",
                "param.prompt", "none"));
        return Deployments.war("ac", config, UpstreamResource.class, ProfileResource.class, SessionTokensProbe.class);
    }

    private static void client(Map<String, String> config, String name, Map<String, String> keys) {
        String prefix = "tessera.client." + name + ".";
        config.put(prefix + "grant", "authorization_code");
        config.put(prefix + "redirect-uri", CALLBACKS + name + "/callback");
        config.put(prefix + "scope", "profile.read");
        // the provider's first token requests take seconds on a busy test machine (the default read timeout is 3s)
        config.put(prefix + "http.read-timeout", "30s");
        keys.forEach((k, v) -> config.put(prefix + k, v));
    }

    @Test
    void publicClientWithPkceSignsInCallsTheApiRefreshesAfterExpiryAndSignsOut() {
        Browser browser = new Browser();
        URI callback = signIn(browser, "pub", "/ac/api/upstream/pub", "alice");
        assertThat(query(callback)).containsKeys("code", "state");
        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/ac/api/upstream/pub");
        assertThat(back.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> api = browser.get(app("api/upstream/pub"));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json(api.body()).getString("caller")).isEqualTo("alice");

        refreshesAfterExpiry(browser, "pub");
        signsOut(browser, "pub");
    }

    @Test
    void confidentialClientWithTheSecretInTheBodySignsInCallsTheApiRefreshesAndSignsOut() {
        Browser browser = new Browser();
        HttpResponse<String> back = browser.get(signIn(browser, "conf", "/ac/api/upstream/conf?x=1", "bob"));
        assertThat(back.headers().firstValue("Location")).hasValue("/ac/api/upstream/conf?x=1");
        assertThat(json(browser.get(app("api/upstream/conf")).body()).getString("caller")).isEqualTo("bob");
        refreshesAfterExpiry(browser, "conf");
        long trace = ServerLog.trace().mark();
        signsOut(browser, "conf");
        // revoke-on-logout: the provider's revocation endpoint (RFC 7009) accepted the refresh token
        assertThat(ServerLog.trace().since(trace)).contains("client 'conf': revocation answered HTTP 200");
    }

    @Test
    void confidentialClientWithBasicAndWithoutPkceSignsIn() {
        Browser browser = new Browser();
        URI callback = signIn(browser, "basic", "/ac/api/upstream/basic", "alice");
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
        assertThat(json(browser.get(app("api/upstream/basic")).body()).getString("caller")).isEqualTo("alice");
    }

    @Test
    void theStartRedirectCarriesStateAndTheS256ChallengeAndNoSecret() {
        Browser browser = new Browser();
        URI authorize = Browser.location(browser.get(app("oauth/pub/start")));
        Map<String, String> query = query(authorize);
        assertThat(authorize.toString()).startsWith(ISSUER + "/authorize?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "pub")
                .containsEntry("redirect_uri", CALLBACKS + "pub/callback").containsEntry("scope", "profile.read")
                .containsEntry("code_challenge_method", "S256").containsKey("state");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        URI confidential = Browser.location(browser.get(app("oauth/conf/start")));
        assertThat(confidential.toString()).doesNotContain("conf-secret");
        assertThat(query(confidential)).containsEntry("code_challenge_method", "S256");
        assertThat(query(Browser.location(browser.get(app("oauth/basic/start"))))).doesNotContainKey("code_challenge");
    }

    @Test
    void theUserConsentsAtTheProviderAndIsSignedIn() {
        Browser browser = new Browser();
        HttpResponse<String> consent = toProvider(browser, "asks", "/ac/api/upstream/asks", "alice");
        assertThat(consent.body()).contains("oauthFormData");
        HttpResponse<String> answered = browser.post(authorizationUrl(consent), consentForm(consent, "consent"));
        assertThat(Browser.isRedirect(answered)).isTrue();
        URI callback = Browser.location(answered);
        assertThat(callback.toString()).startsWith(CALLBACKS + "asks/callback?");
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
        assertThat(json(browser.get(app("api/upstream/asks")).body()).getString("caller")).isEqualTo("alice");
    }

    @Test
    void aUserWhoCancelsConsentGetsNoToken() {
        Browser browser = new Browser();
        HttpResponse<String> consent = toProvider(browser, "asks", "/ac/api/upstream/asks", "alice");
        JsonObject form = formData(consent);
        Map<String, String> cancel = new LinkedHashMap<>();
        cancel.put("error", "access_denied");
        cancel.put("error_description", "The user has canceled the authorization request.");
        cancel.put("response_type", form.getString("response_type"));
        cancel.put("client_id", form.getString("client_id"));
        cancel.put("state", form.getString("state"));
        // Liberty's provider answers the cancel with a page of its own (403 or 200 seen) and never sends the user back
        HttpResponse<String> cancelled = browser.post(authorizationUrl(consent), cancel);
        assertThat(Browser.isRedirect(cancelled) && isCallback(Browser.location(cancelled))).isFalse();
        assertThat(browser.get(app("api/upstream/asks/authorized")).body()).isEqualTo("false");
        assertStartsTheAuthorization(browser.get(app("api/upstream/asks")), "asks");
    }

    @Test
    void anAccessDeniedErrorResponseIsAClear403Page() {
        Browser browser = new Browser();
        String state = query(Browser.location(browser.get(app("oauth/asks/start")))).get("state");
        HttpResponse<String> page = browser.get(URI.create(CALLBACKS + "asks/callback?error=access_denied&state=" + state));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("did not grant access");
        assertThat(browser.get(app("api/upstream/asks/authorized")).body()).isEqualTo("false");
    }

    @Test
    void anErrorResponseOfTheProviderIsAClear400Page() {
        Browser browser = new Browser();
        // prompt=none for a user not signed in at the provider: it answers at once with an error response
        HttpResponse<String> answer = browser.follow(browser.get(app("oauth/silent/start")), AuthorizationCodeIT::isCallback);
        URI callback = Browser.location(answer);
        assertThat(isCallback(callback)).as(callback.toString()).isTrue();
        String error = query(callback).get("error");
        assertThat(error).isIn("login_required", "interaction_required", "consent_required");
        HttpResponse<String> page = browser.get(callback);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("error=" + error).doesNotContain("Exception");
    }

    @Test
    void aWrongStateIsRefusedAndTheRightOneStillWorks() {
        Browser browser = new Browser();
        URI callback = signIn(browser, "pub", "/ac/", "alice");
        String forged = callback.toString().replace("state=" + query(callback).get("state"), "state=forged-state-value");
        HttpResponse<String> refused = browser.get(URI.create(forged));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("no longer valid");
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        Browser alice = new Browser();
        URI callback = signIn(alice, "pub", "/ac/", "alice");
        Browser other = new Browser();
        other.get(app("oauth/pub/start"));
        assertThat(other.get(callback).statusCode()).isEqualTo(400);
        assertThat(other.get(app("api/upstream/pub/authorized")).body()).isEqualTo("false");
    }

    @Test
    void aReplayedCallbackAndAReplayedCodeAreRefused() {
        Browser browser = new Browser();
        URI callback = signIn(browser, "pub", "/ac/", "alice");
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
        assertThat(browser.get(callback).statusCode()).isEqualTo(400);
        // the used code under a fresh state of the same session: the provider refuses it
        String state = query(Browser.location(browser.get(app("oauth/pub/start")))).get("state");
        HttpResponse<String> replayed = browser.get(URI.create(CALLBACKS + "pub/callback?code=" + query(callback).get("code")
                + "&state=" + state));
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("refused the authorization code");
    }

    @Test
    void aCodeInjectedIntoAnotherSessionFailsTheVerifierCheck() {
        Browser victim = new Browser();
        String state = query(Browser.location(victim.get(app("oauth/pub/start")))).get("state");
        Browser attacker = new Browser();
        URI stolen = signIn(attacker, "pub", "/ac/", "bob");
        HttpResponse<String> injected = victim.get(URI.create(CALLBACKS + "pub/callback?code=" + query(stolen).get("code")
                + "&state=" + state));
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(injected.body()).contains("refused the authorization code");
        assertThat(victim.get(app("api/upstream/pub/authorized")).body()).isEqualTo("false");
    }

    @Test
    void aRefusedRefreshDropsTheTokensAndRestartsTheAuthorization() {
        Browser browser = new Browser();
        assertThat(browser.get(signIn(browser, "pub", "/ac/", "alice")).statusCode()).isEqualTo(303);
        HttpResponse<String> broken = browser.post(app("api/probe/pub/unknown-refresh-token"), Map.of());
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(200);
        assertStartsTheAuthorization(browser.get(app("api/upstream/pub")), "pub");
        assertThat(browser.get(app("api/upstream/pub/authorized")).body()).isEqualTo("false");
    }

    @Test
    void withoutATokenAGetIsSentToTheStartAndAPostGets401() {
        Browser browser = new Browser();
        assertStartsTheAuthorization(browser.get(app("api/upstream/pub?page=2")), "pub");
        assertThat(Browser.location(browser.get(app("api/upstream/pub?page=2"))).getRawQuery())
                .isEqualTo("return=%2Fac%2Fapi%2Fupstream%2Fpub%3Fpage%3D2");
    }

    @Test
    void returnPathsOutsideThisOriginAreRefused() {
        Browser browser = new Browser();
        for (String target : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)",
                "evil", "/\r\nSet-Cookie:x=y"}) {
            HttpResponse<String> refused = browser.get(URI.create(app("oauth/pub/start") + "?return="
                    + java.net.URLEncoder.encode(target, StandardCharsets.UTF_8)));
            assertThat(refused.statusCode()).as(target).isEqualTo(400);
            assertThat(refused.headers().firstValue("Location")).as(target).isEmpty();
        }
    }

    @Test
    void signOutFromAnotherSiteIsRefused() {
        Browser browser = new Browser();
        assertThat(browser.get(signIn(browser, "basic", "/ac/", "alice")).statusCode()).isEqualTo(303);
        assertThat(browser.post(app("oauth/basic/logout"), Map.of(), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(browser.get(app("api/upstream/basic/authorized")).body()).isEqualTo("true");
    }

    @Test
    void neitherCodeNorTokensAppearInTheServerLogs() {
        long messages = ServerLog.messages().mark();
        long trace = ServerLog.trace().mark();
        Browser browser = new Browser();
        URI callback = signIn(browser, "conf", "/ac/", "alice");
        browser.get(callback);
        String body = browser.get(app("api/upstream/conf")).body();
        assertThat(body).contains("alice");
        String code = query(callback).get("code");
        String logged = ServerLog.messages().since(messages) + ServerLog.trace().since(trace);
        assertThat(logged).contains("authorization finished").doesNotContain(code).doesNotContain("conf-secret")
                .doesNotContain(query(callback).get("state"));
    }

    // --- steps

    /** Polls (bounded) until the user's access token was replaced by a refresh; the API keeps answering as the user. */
    private void refreshesAfterExpiry(Browser browser, String client) {
        JsonObject before = json(browser.get(app("api/probe/" + client)).body());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject now = before;
        while (now.getString("access").equals(before.getString("access")) && Instant.now().isBefore(deadline)) {
            HttpResponse<String> api = browser.get(app("api/upstream/" + client));
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            now = json(browser.get(app("api/probe/" + client)).body());
            Thread.onSpinWait();
        }
        assertThat(now.getString("access")).as("refreshed within 90 s").isNotEqualTo(before.getString("access"));
        assertThat(now.getString("grant")).isEqualTo(before.getString("grant"));
        assertThat(Instant.parse(now.getString("expiresAt"))).isAfter(Instant.parse(before.getString("expiresAt")));
        // Liberty's provider rotates refresh tokens: the new one replaced the old
        assertThat(now.getString("refresh")).isNotEqualTo(before.getString("refresh"));
    }

    private void signsOut(Browser browser, String client) {
        HttpResponse<String> out = browser.post(URI.create(app("oauth/" + client + "/logout") + "?return=%2Fac%2Fbye"),
                Map.of(), "Sec-Fetch-Site", "same-origin");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/ac/bye");
        assertThat(browser.get(app("api/upstream/" + client + "/authorized")).body()).isEqualTo("false");
        assertStartsTheAuthorization(browser.get(app("api/upstream/" + client)), client);
    }

    private static void assertStartsTheAuthorization(HttpResponse<String> response, String client) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(Browser.location(response).getPath()).isEqualTo("/ac/oauth/" + client + "/start");
    }

    /** From the start to the provider's login form, signing in there; the answer after it (consent page or redirect). */
    private HttpResponse<String> toProvider(Browser browser, String client, String returnPath, String user) {
        HttpResponse<String> start = browser.get(URI.create(app("oauth/" + client + "/start") + "?return="
                + java.net.URLEncoder.encode(returnPath, StandardCharsets.UTF_8)));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        return ProviderPages.logIn(browser, start, user, AuthorizationCodeIT::isCallback);
    }

    /** Signs in at the provider (pre-authorized scope: no consent page) and returns the callback, not yet visited. */
    private URI signIn(Browser browser, String client, String returnPath, String user) {
        HttpResponse<String> answer = toProvider(browser, client, returnPath, user);
        assertThat(Browser.isRedirect(answer)).as(answer.statusCode() + " " + answer.body()).isTrue();
        URI callback = Browser.location(answer);
        assertThat(isCallback(callback)).as(callback.toString()).isTrue();
        return callback;
    }

    private static boolean isCallback(URI uri) {
        return uri.toString().startsWith(CALLBACKS) && uri.getPath().endsWith("/callback");
    }

    private URI app(String path) {
        return URI.create(APP + path);
    }

}
