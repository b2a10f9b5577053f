package dev.tessera.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.ClaimValue;
import org.junit.jupiter.api.Test;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

class ClaimTargetTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    private static Object inject(Type type, Object claimValue) {
        return ClaimTarget.of(type).valueOf("c", claimValue, JSON);
    }

    @Test
    void aStringClaimIsInjectedAsStringAndAsJsonString() {
        assertThat(inject(String.class, "alice")).isEqualTo("alice");
        assertThat(inject(JsonString.class, "alice")).isEqualTo(JSON.createValue("alice"));
        assertThat(inject(JsonValue.class, "alice")).isEqualTo(JSON.createValue("alice"));
    }

    @Test
    void aNumericDateIsInjectedAsLongPrimitiveLongAndJsonNumber() {
        assertThat(inject(Long.class, 1_700_000_000L)).isEqualTo(1_700_000_000L);
        assertThat(inject(long.class, 1_700_000_000L)).isEqualTo(1_700_000_000L);
        assertThat(((JsonNumber) inject(JsonNumber.class, 1_700_000_000L)).longValueExact()).isEqualTo(1_700_000_000L);
    }

    @Test
    void aWholeJsonNumberIsInjectedAsLong() {
        assertThat(inject(Long.class, JSON.createValue(42))).isEqualTo(42L);
    }

    @Test
    void aFractionalJsonNumberIsNotALong() {
        assertThatThrownBy(() -> inject(Long.class, JSON.createValue(new BigDecimal("4.5"))))
                .isInstanceOf(ClaimTypeException.class).hasMessage("the claim c cannot be injected as LONG");
    }

    @Test
    void aBooleanClaimIsInjectedAsBooleanAndAsJsonTrue() {
        assertThat(inject(boolean.class, true)).isEqualTo(true);
        assertThat(inject(Boolean.class, JsonValue.FALSE)).isEqualTo(false);
        assertThat(inject(JsonValue.class, true)).isSameAs(JsonValue.TRUE);
    }

    @Test
    void aSetOfStringsIsInjectedAsSetAndAsJsonArray() {
        Type setOfStrings = new TypeLiteral<Set<String>>() {}.getType();
        assertThat(inject(setOfStrings, Set.of("a"))).isEqualTo(Set.of("a"));
        assertThat(inject(JsonArray.class, List.of("a", "b")))
                .isEqualTo(JSON.createArrayBuilder().add("a").add("b").build());
    }

    @Test
    void aJsonArrayOfStringsIsInjectedAsSetOfStrings() {
        Type setOfStrings = new TypeLiteral<Set<String>>() {}.getType();
        assertThat(inject(setOfStrings, JSON.createArrayBuilder().add("a").add("b").build()))
                .isEqualTo(Set.of("a", "b"));
    }

    @Test
    void aJsonObjectClaimIsInjectedAsJsonObject() {
        JsonObject object = JSON.createObjectBuilder().add("k", 1).build();
        assertThat(inject(JsonObject.class, object)).isSameAs(object);
    }

    @Test
    void aClaimOfAnotherTypeIsRefusedNamingTheClaimNotTheValue() {
        assertThatThrownBy(() -> inject(JsonObject.class, "secret-value"))
                .isInstanceOf(ClaimTypeException.class).hasMessageNotContaining("secret-value")
                .hasMessageContaining("claim c");
    }

    @Test
    void aMissingClaimIsNullOrAnEmptyOptional() {
        assertThat(inject(String.class, null)).isNull();
        assertThat(inject(new TypeLiteral<Optional<Long>>() {}.getType(), null)).isEqualTo(Optional.empty());
    }

    @Test
    void anOptionalHoldsTheConvertedValue() {
        assertThat(inject(new TypeLiteral<Optional<JsonString>>() {}.getType(), "x"))
                .isEqualTo(Optional.of(JSON.createValue("x")));
    }

    @Test
    void claimValueProviderAndInstanceAreReadAsTheirTypeArgument() {
        assertThat(ClaimTarget.of(new TypeLiteral<ClaimValue<Optional<Long>>>() {}.getType()))
                .isEqualTo(new ClaimTarget(ClaimKind.LONG, true, true));
        assertThat(ClaimTarget.of(new TypeLiteral<Provider<String>>() {}.getType()))
                .isEqualTo(new ClaimTarget(ClaimKind.STRING, false, false));
        assertThat(ClaimTarget.of(new TypeLiteral<Instance<ClaimValue<JsonNumber>>>() {}.getType()))
                .isEqualTo(new ClaimTarget(ClaimKind.JSON_NUMBER, false, true));
    }

    @Test
    void aRawClaimValueHoldsTheValueAsTheTokenReturnsIt() {
        assertThat(ClaimTarget.of(ClaimValue.class)).isEqualTo(new ClaimTarget(ClaimKind.AS_RETURNED, false, true));
        assertThat(ClaimTarget.of(ClaimValue.class).valueOf("c", 7L, JSON)).isEqualTo(7L);
    }

    @Test
    void typesTheSpecificationDoesNotListAreRefused() {
        for (Type refused : List.of(Integer.class, Object.class, new TypeLiteral<Set<Long>>() {}.getType(),
                new TypeLiteral<List<String>>() {}.getType(), new TypeLiteral<Optional<Optional<String>>>() {}.getType(),
                new TypeLiteral<ClaimValue<ClaimValue<String>>>() {}.getType(),
                new TypeLiteral<Optional<ClaimValue<String>>>() {}.getType())) {
            assertThatThrownBy(() -> ClaimTarget.of(refused)).as(refused.getTypeName())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a claim type");
        }
    }
}
