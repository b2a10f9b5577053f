package dev.tessera.claims;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.ClaimValue;
import org.junit.jupiter.api.Test;

import dev.tessera.bearer.InvalidTokenException;
import dev.tessera.bearer.TokenClaims;
import dev.tessera.claims.InjectedClaimsRule.InjectedClaim;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

class InjectedClaimsRuleTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    private static InjectedClaim injected(String name, Type type) {
        return new InjectedClaim(name, ClaimTarget.of(type));
    }

    private static TokenClaims token(JsonObjectBuilder claims) {
        JsonObject json = claims.add("exp", NOW.getEpochSecond() + 60).build();
        Set<String> audience = json.get("aud") instanceof JsonArray array
                ? Set.copyOf(array.getValuesAs(jakarta.json.JsonString::getString))
                : json.containsKey("aud") ? Set.of(json.getString("aud")) : Set.of();
        return new TokenClaims(Optional.empty(), Optional.empty(), audience, Optional.of("alice"),
                NOW.plusSeconds(60), Optional.empty(), Optional.empty(), json);
    }

    private static void check(TokenClaims token, InjectedClaim... injected) throws InvalidTokenException {
        new InjectedClaimsRule(Set.copyOf(List.of(injected)), JSON).check(token, NOW);
    }

    @Test
    void claimsOfTheInjectedTypesPass() {
        TokenClaims token = token(Json.createObjectBuilder().add("customLong", 5).add("customBoolean", true)
                .add("customString", "x").add("customArray", Json.createArrayBuilder().add("a")).add("aud", "api"));

        assertThatCode(() -> check(token, injected("customLong", Long.class), injected("customLong", long.class),
                injected("customBoolean", boolean.class), injected("customString", String.class),
                injected("customArray", new TypeLiteral<Set<String>>() {}.getType()),
                injected("aud", new TypeLiteral<Set<String>>() {}.getType()),
                injected("customLong", new TypeLiteral<ClaimValue<Optional<Long>>>() {}.getType())))
                .doesNotThrowAnyException();
    }

    @Test
    void aClaimOfAnotherJsonTypeRefusesTheTokenNamingTheClaimNotTheValue() {
        TokenClaims token = token(Json.createObjectBuilder().add("customLong", "five-secret"));

        assertThatThrownBy(() -> check(token, injected("customLong", new TypeLiteral<ClaimValue<Long>>() {}.getType())))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("customLong")
                .hasMessageNotContaining("five-secret");
    }

    @Test
    void aMissingClaimPasses() {
        TokenClaims token = token(Json.createObjectBuilder());

        assertThatCode(() -> check(token, injected("customBoolean", Boolean.class),
                injected("customFlag", boolean.class),
                injected("customLong", new TypeLiteral<Optional<Long>>() {}.getType())))
                .doesNotThrowAnyException();
    }

    @Test
    void claimsOfATypeFixedByTesseraAreNotCheckedPerToken() {
        TokenClaims token = token(Json.createObjectBuilder().add("groups", "admin").add("raw_token", 7));

        assertThatCode(() -> check(token, injected("groups", new TypeLiteral<Set<String>>() {}.getType()),
                injected("raw_token", String.class))).doesNotThrowAnyException();
    }

    @Test
    void aClaimOfAFixedTypeInjectedAsAKindItCannotBecomeIsADeploymentError() {
        assertThatThrownBy(() -> InjectedClaimsRule.checkFixedType(injected("exp", String.class), JSON))
                .isInstanceOf(ClaimTypeException.class).hasMessage("the claim exp cannot be injected as STRING");
        assertThatThrownBy(() -> InjectedClaimsRule.checkFixedType(injected("aud", JsonString.class), JSON))
                .isInstanceOf(ClaimTypeException.class);
        assertThatThrownBy(() -> InjectedClaimsRule.checkFixedType(injected("raw_token", Long.class), JSON))
                .isInstanceOf(ClaimTypeException.class);
    }

    @Test
    void aClaimOfAFixedTypeInjectedAsAKindItCanBecomePasses() {
        assertThatCode(() -> {
            InjectedClaimsRule.checkFixedType(
                    injected("exp", new TypeLiteral<Optional<JsonNumber>>() {}.getType()), JSON);
            InjectedClaimsRule.checkFixedType(injected("aud", JsonArray.class), JSON);
            InjectedClaimsRule.checkFixedType(
                    injected("groups", new TypeLiteral<ClaimValue<Set<String>>>() {}.getType()), JSON);
            InjectedClaimsRule.checkFixedType(injected("raw_token", JsonValue.class), JSON);
            InjectedClaimsRule.checkFixedType(injected("customLong", String.class), JSON);
        }).doesNotThrowAnyException();
    }
}
