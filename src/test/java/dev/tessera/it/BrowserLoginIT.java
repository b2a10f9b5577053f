package dev.tessera.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import com.nimbusds.jwt.SignedJWT;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The real headless browser ({@link Chromium}) logs in on a real login form: Liberty's own OpenID Connect provider
 * (on the demo's server) asks a user for their name and password on an authorization request with PKCE; the browser
 * fills in the form of a demo user, submits it, and ends on the client's redirect URI with a {@code code} and the
 * {@code state} it sent, and that code buys an access token for that user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("demo") // runs only on the tessera-<port>-demo server (pom.xml: failsafe execution integration-tests-demo)
class BrowserLoginIT {

    static final String CLIENT = "visitor";
    static final String REDIRECT_URI = "http://localhost:" + DemoIT.PORT + "/demo/connect/callback";

    @Deployment
    static WebArchive deployment() {
        return DemoIT.deployment();
    }

    @Test
    void aUserLogsInOnTheProvidersFormAndTheBrowserEndsOnTheRedirectUriWithACodeForThatUser() throws Exception {
        String state = random();
        String verifier = random();
        Map<String, String> answer;
        try (Chromium browser = Chromium.open()) {
            WebDriver page = browser.driver();
            page.get(authorizationRequest(state, verifier));
            logIn(browser, "alice", "alice-password");
            browser.await(d -> d.getCurrentUrl().startsWith(REDIRECT_URI + "?"));
            answer = query(URI.create(page.getCurrentUrl()));
        }
        assertThat(answer).containsEntry("state", state).containsKey("code");

        HttpResponse<String> token = exchange(answer.get("code"), verifier);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        SignedJWT accessToken = SignedJWT.parse(json(token.body()).getString("access_token"));
        assertThat(accessToken.getJWTClaimsSet().getSubject()).isEqualTo("alice");
    }

    private static void logIn(Chromium browser, String user, String password) {
        WebElement name = browser.await(d -> d.findElements(By.name("j_username")).stream().findFirst().orElse(null));
        name.sendKeys(user);
        browser.driver().findElement(By.name("j_password")).sendKeys(password);
        name.submit();
    }

    private static String authorizationRequest(String state, String verifier) {
        return DemoIT.ISSUER + "/authorize?" + form(Map.of("response_type", "code", "client_id", CLIENT,
                "redirect_uri", REDIRECT_URI, "scope", "orders.read", "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
    }

    private static HttpResponse<String> exchange(String code, String verifier) {
        return Http.send(HttpRequest.newBuilder(URI.create(DemoIT.ISSUER + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT_URI, "client_id", CLIENT, "code_verifier", verifier)))));
    }

    /** 32 random bytes, base64url: a PKCE verifier (RFC 7636 §4.1) or a state. */
    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], UTF_8), p -> p.length > 1 ? URLDecoder.decode(p[1], UTF_8) : ""));
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
