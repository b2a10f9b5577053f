package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
