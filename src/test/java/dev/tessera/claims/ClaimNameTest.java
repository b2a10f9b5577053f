package dev.tessera.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;
import org.junit.jupiter.api.Test;

class ClaimNameTest {

    @Test
    void theValueNamesTheClaim() throws Exception {
        assertThat(ClaimName.of(claimOn("byValue"))).isEqualTo("customString");
    }

    @Test
    void theStandardClaimNamesTheClaim() throws Exception {
        assertThat(ClaimName.of(claimOn("byStandard"))).isEqualTo("iat");
    }

    @Test
    void aValueAndAStandardClaimThatAgreeNameTheClaim() throws Exception {
        assertThat(ClaimName.of(claimOn("agreeing"))).isEqualTo("exp");
    }

    @Test
    void aValueAndAStandardClaimThatDisagreeAreRefused() {
        assertThatThrownBy(() -> ClaimName.of(claimOn("disagreeing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Claim names two claims: value \"exp\" and standard iat");
    }

    @Test
    void aQualifierWithoutAClaimIsRefused() {
        assertThatThrownBy(() -> ClaimName.of(claimOn("unnamed"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no claim");
    }

    @Claim("customString")
    private String byValue;
    @Claim(standard = Claims.iat)
    private String byStandard;
    @Claim(value = "exp", standard = Claims.exp)
    private String agreeing;
    @Claim(value = "exp", standard = Claims.iat)
    private String disagreeing;
    @Claim
    private String unnamed;

    private static Claim claimOn(String field) throws NoSuchFieldException {
        return ClaimNameTest.class.getDeclaredField(field).getAnnotation(Claim.class);
    }
}
