package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * What the HTTP-level {@link Browser} needs to read Liberty's OpenID Connect provider's pages (its consent page is a
 * script that builds and posts a form) and the answers around them; shared by AuthorizationCodeIT and ClusterIT.
 */
final class ProviderPages {

    private ProviderPages() {
    }

    /**
     * From the redirect to the provider to its login form, signing in there as {@code user} (password
     * {@code <user>-password}); the answer after it (consent page, or redirect to a location {@code stop} accepts).
     */
    static HttpResponse<String> logIn(Browser browser, HttpResponse<String> toProvider, String user, Predicate<URI> stop) {
        HttpResponse<String> page = browser.follow(toProvider, stop);
        assertThat(page.body()).as("the provider's login form").contains("j_security_check");
        HttpResponse<String> signedIn = browser.post(page.uri().resolve("j_security_check"),
                Map.of("j_username", user, "j_password", user + "-password"));
        return browser.follow(signedIn, stop);
    }

    static JsonObject formData(HttpResponse<String> consent) {
        String body = consent.body();
        int start = body.indexOf("var oauthFormData=") + "var oauthFormData=".length();
        int end = body.indexOf(";", body.indexOf("};", start));
        return json(body.substring(start, end));
    }

    static URI authorizationUrl(HttpResponse<String> consent) {
        URI page = consent.uri();
        return URI.create(page.getScheme() + "://" + page.getRawAuthority() + page.getRawPath());
    }

    /** The form the provider's consent page script posts (oauthForm.js createForm). */
    static Map<String, String> consentForm(HttpResponse<String> consent, String prompt) {
        JsonObject data = formData(consent);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("consentNonce", data.getString("consentNonce"));
        form.put("client_id", data.getString("client_id"));
        form.put("response_type", data.getString("response_type"));
        form.put("scope", data.getJsonArray("scope").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).collect(Collectors.joining(" ")));
        form.put("state", data.getString("state"));
        form.put("redirect_uri", data.getString("redirect_uri"));
        JsonObject extended = data.getJsonObject("extendedProperties");
        if (extended.containsKey("code_challenge")) {
            form.put("code_challenge", extended.getString("code_challenge"));
            form.put("code_challenge_method", extended.getString("code_challenge_method"));
        }
        form.put("prompt", prompt);
        return form;
    }

    static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                (a, b) -> a, LinkedHashMap::new));
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
