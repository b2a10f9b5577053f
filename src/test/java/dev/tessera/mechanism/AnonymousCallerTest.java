package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnonymousCallerTest {

    @Test
    void theAnonymousCallerHasNoNameNoClaimNamesNoClaimsAndNoToken() {
        AnonymousCaller caller = AnonymousCaller.INSTANCE;
        assertThat(caller.getName()).isNull();
        assertThat(caller.getClaimNames()).isNull();
        assertThat((Object) caller.getClaim("")).isNull();
        assertThat(caller.getRawToken()).isNull();
    }
}
