package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Return paths after the authorization: same-origin paths only (no open redirect, RFC 9700 §4.11). */
class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app/", "/app/page?x=1&y=%2F", "/app/a.b-c_d~e"})
    void pathsOnThisOriginAreKept(String path) {
        assertThat(ReturnPath.sameOrigin(path)).hasValue(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "http://evil.example", "//evil.example/x", "/\\evil.example",
            "\\\\evil.example", "javascript:alert(1)", "evil.example", "app/page", "/app\r\nSet-Cookie: x=y", "/a b",
            "/app#fragment", "/%zz", "/\u00e9", ""})
    void anythingElseIsRefused(String target) {
        assertThat(ReturnPath.sameOrigin(target)).isEmpty();
    }

    @Test
    void overlongPathsAreRefused() {
        assertThat(ReturnPath.sameOrigin("/" + "a".repeat(ReturnPath.MAX_LENGTH))).isEmpty();
        assertThat(ReturnPath.sameOrigin(null)).isEmpty();
    }
}
