package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void missingTokenChallengeHasNoErrorCode() {
        assertThat(Challenge.missingToken("orders")).isEqualTo("Bearer realm=\"orders\"");
    }

    @Test
    void invalidTokenChallengeCarriesTheErrorCodeAndAGenericDescription() {
        assertThat(Challenge.invalidToken("orders")).isEqualTo(
                "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
    }

    @Test
    void invalidRequestChallengeCarriesItsErrorCode() {
        assertThat(Challenge.invalidRequest("orders")).startsWith("Bearer realm=\"orders\", error=\"invalid_request\"");
    }
}
