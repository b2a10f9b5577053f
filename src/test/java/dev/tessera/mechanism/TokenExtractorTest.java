package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tessera.config.TokenLocation;
import jakarta.servlet.http.HttpServletRequest;

class TokenExtractorTest {

    @Test
    void bearerTokenIsTakenFromTheAuthorizationValue() {
        assertThat(TokenExtractor.fromAuthorization("Bearer abc.def.ghi")).isEqualTo(new BearerCredential.Present("abc.def.ghi"));
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(TokenExtractor.fromAuthorization("bEaReR abc.def.ghi")).isEqualTo(new BearerCredential.Present("abc.def.ghi"));
    }

    @Test
    void otherSchemesAreNotOurs() {
        assertThat(TokenExtractor.fromAuthorization("Basic dXNlcjpwYXNz")).isEqualTo(BearerCredential.ABSENT);
        assertThat(TokenExtractor.fromAuthorization("BearerX abc")).isEqualTo(BearerCredential.ABSENT);
        assertThat(TokenExtractor.fromAuthorization("Bear abc")).isEqualTo(BearerCredential.ABSENT);
        assertThat(TokenExtractor.fromAuthorization("DPoP abc")).isEqualTo(BearerCredential.ABSENT);
        assertThat(TokenExtractor.fromAuthorization("Bearer\tabc")).isEqualTo(BearerCredential.ABSENT);
    }

    @Test
    void bearerWithoutTokenIsMalformed() {
        assertThat(TokenExtractor.fromAuthorization("Bearer")).isInstanceOf(BearerCredential.Malformed.class);
        assertThat(TokenExtractor.fromAuthorization("Bearer    ")).isInstanceOf(BearerCredential.Malformed.class);
    }

    @Test
    void twoTokensInOneHeaderAreMalformed() {
        assertThat(TokenExtractor.fromAuthorization("Bearer a.b.c d.e.f")).isInstanceOf(BearerCredential.Malformed.class);
        assertThat(TokenExtractor.fromAuthorization("Bearer a.b.c,Bearer d.e.f")).isInstanceOf(BearerCredential.Malformed.class);
    }

    @Test
    void presentCredentialDoesNotShowTheTokenInToString() {
        assertThat(new BearerCredential.Present("secret.token.value").toString()).doesNotContain("secret");
    }

    @Test
    void theAuthorizationHeaderOfARequestIsRead() {
        assertThat(fromHeaders(List.of("Bearer abc.def.ghi"))).isEqualTo(new BearerCredential.Present("abc.def.ghi"));
        assertThat(fromHeaders(List.of("Basic dXNlcjpwYXNz"))).isEqualTo(BearerCredential.ABSENT);
    }

    @Test
    void aRequestWithoutAuthorizationHeaderHasNoCredential() {
        assertThat(fromHeaders(List.of())).isEqualTo(BearerCredential.ABSENT);
        assertThat(fromHeaders(null)).isEqualTo(BearerCredential.ABSENT); // a container that shows no headers
    }

    @Test
    void severalAuthorizationHeadersAreMalformedWhateverTheyHold() {
        assertThat(fromHeaders(List.of("Bearer abc.def.ghi", "Bearer abc.def.ghi")))
                .isEqualTo(new BearerCredential.Malformed("several Authorization headers"));
        assertThat(fromHeaders(List.of("Basic dXNlcjpwYXNz", "Bearer abc.def.ghi")))
                .isEqualTo(new BearerCredential.Malformed("several Authorization headers"));
    }

    @Test
    void anEmptyTokenCookieIsNoToken() {
        assertThat(fromCookies(new jakarta.servlet.http.Cookie("Bearer", ""))).isEqualTo(BearerCredential.ABSENT);
        assertThat(fromCookies(new jakarta.servlet.http.Cookie("Bearer", "  "))).isEqualTo(BearerCredential.ABSENT);
        assertThat(fromCookies(new jakarta.servlet.http.Cookie("Bearer", "a.b.c"))).isEqualTo(new BearerCredential.Present("a.b.c"));
        assertThat(fromCookies(new jakarta.servlet.http.Cookie("Other", "a.b.c"))).isEqualTo(BearerCredential.ABSENT);
    }

    @Test
    void twoTokenCookiesAreMalformed() {
        assertThat(fromCookies(new jakarta.servlet.http.Cookie("Bearer", "a.b.c"), new jakarta.servlet.http.Cookie("Bearer", "")))
                .isEqualTo(new BearerCredential.Malformed("several token cookies"));
    }

    /** What an extractor reading the cookie {@code Bearer} finds in a request with these cookies. */
    private static BearerCredential fromCookies(jakarta.servlet.http.Cookie... cookies) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(TokenExtractorTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getCookies" -> cookies;
                    case "toString" -> "request";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new TokenExtractor(new TokenLocation.Cookie("Bearer")).extract(request);
    }

    /** What the extractor finds in a request whose {@code getHeaders("Authorization")} answers these values. */
    private static BearerCredential fromHeaders(List<String> values) {
        Enumeration<String> headers = values == null ? null : Collections.enumeration(values);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(TokenExtractorTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getHeaders" -> "Authorization".equals(args[0]) ? headers : Collections.emptyEnumeration();
                    case "toString" -> "request";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new TokenExtractor(TokenLocation.AUTHORIZATION_HEADER).extract(request);
    }
}
