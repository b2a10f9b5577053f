package dev.tessera.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.eclipse.microprofile.jwt.ClaimValue;
import org.junit.jupiter.api.Test;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Provider;
import jakarta.json.JsonString;

class ClaimsExtensionTest {

    @Test
    void rawAndJsonValuesAreFixedAtInjection() {
        assertThat(ClaimsExtension.keepsFirstValue(String.class)).isTrue();
        assertThat(ClaimsExtension.keepsFirstValue(long.class)).isTrue();
        assertThat(ClaimsExtension.keepsFirstValue(JsonString.class)).isTrue();
        assertThat(ClaimsExtension.keepsFirstValue(new TypeLiteral<Optional<String>>() {}.getType())).isTrue();
    }

    @Test
    void claimValueProviderAndInstanceReadTheCurrentRequest() {
        assertThat(ClaimsExtension.keepsFirstValue(new TypeLiteral<ClaimValue<String>>() {}.getType())).isFalse();
        assertThat(ClaimsExtension.keepsFirstValue(ClaimValue.class)).isFalse();
        assertThat(ClaimsExtension.keepsFirstValue(new TypeLiteral<Provider<String>>() {}.getType())).isFalse();
        assertThat(ClaimsExtension.keepsFirstValue(new TypeLiteral<Instance<Long>>() {}.getType())).isFalse();
    }
}
