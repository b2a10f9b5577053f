package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

class AuthorizationRequiredExceptionTest {

    private final AuthorizationRequiredException required =
            new AuthorizationRequiredException("kanbert", "/app/oauth/kanbert/start", "no token for this user");

    @Test
    void aClientCallsProcessingExceptionIsUnwrappedToTheExceptionInside() {
        ProcessingException wrapped = new ProcessingException(new IllegalStateException(required));

        assertThat(AuthorizationRequiredException.unwrap(wrapped)).isSameAs(required);
        assertThat(AuthorizationRequiredException.in(wrapped)).containsSame(required);
    }

    @Test
    void anyOtherExceptionIsLeftAsItIs() {
        ProcessingException unrelated = new ProcessingException("connection refused", new java.net.ConnectException());

        assertThat(AuthorizationRequiredException.unwrap(unrelated)).isSameAs(unrelated);
        assertThat(AuthorizationRequiredException.in(unrelated)).isEmpty();
        assertThat(AuthorizationRequiredException.in(null)).isEmpty();
    }

    @Test
    void theStartPathReturnsOnlyToThisOrigin() {
        assertThat(required.startPath("/app/page?x=1")).isEqualTo("/app/oauth/kanbert/start?return=%2Fapp%2Fpage%3Fx%3D1");
        assertThatThrownBy(() -> required.startPath("https://evil.example/")).isInstanceOf(IllegalArgumentException.class);
        assertThat(required.getMessage()).contains("/app/oauth/kanbert/start");
    }
}
