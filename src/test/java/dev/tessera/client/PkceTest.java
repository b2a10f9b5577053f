package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** PKCE (RFC 7636) as Tessera sends it: S256 only, verifiers of the allowed length and alphabet. */
class PkceTest {

    @Test
    void s256ChallengeMatchesTheRfc7636AppendixBExample() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiersHave43UnreservedCharactersAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String verifier = Pkce.newVerifier(random);
            // RFC 7636 §4.1: 43-128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"; 32 octets give 43
            assertThat(verifier).hasSize(43).matches("[A-Za-z0-9._~-]+");
            assertThat(Pkce.isVerifier(verifier)).isTrue();
            assertThat(seen.add(verifier)).isTrue();
        }
    }

    @Test
    void verifiersOutsideTheRfcLengthOrAlphabetAreRefused() {
        assertThat(Pkce.isVerifier("a".repeat(42))).isFalse();
        assertThat(Pkce.isVerifier("a".repeat(43))).isTrue();
        assertThat(Pkce.isVerifier("a".repeat(128))).isTrue();
        assertThat(Pkce.isVerifier("a".repeat(129))).isFalse();
        assertThat(Pkce.isVerifier("a".repeat(42) + "+")).isFalse();
        assertThat(Pkce.isVerifier("a".repeat(42) + "=")).isFalse();
        assertThatThrownBy(() -> Pkce.challenge("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
    }

    @Test
    void onlyS256IsEverSent() {
        assertThat(Pkce.METHOD).isEqualTo("S256");
    }
}
