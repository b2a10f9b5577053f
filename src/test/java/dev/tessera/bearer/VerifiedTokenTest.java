package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.AUDIENCE;
import static dev.tessera.bearer.Fixture.ISSUER;
import static dev.tessera.bearer.Fixture.NOW_SECONDS;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.rsaHeader;
import static dev.tessera.bearer.Fixture.settings;
import static dev.tessera.bearer.TestKeys.signingKey;
import static dev.tessera.bearer.TokenForge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedTokenTest {

    private final TokenVerifier verifier = Fixture.verifier(settings().rolesClaims("realm_access/roles"),
            new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_1)));
    private String raw;
    private VerifiedToken token;

    @BeforeEach
    void verifyARichToken() throws Exception {
        raw = sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims()
                .with("upn", "alice@example.com")
                .with("jti", "a-123")
                .with("aud", List.of(AUDIENCE, "billing-api"))
                .with("nbf", NOW_SECONDS - 120)
                .with("auth_time", NOW_SECONDS - 600)
                .raw("email_verified", "true")
                .raw("address", "{\"country\":\"NL\"}")
                .raw("realm_access", "{\"roles\":[\"user\",\"admin\"]}")
                .raw("groups", "[\"raw-group\"]")
                .with("customString", "customStringValue")
                .raw("customInteger", "123456789")
                .raw("customDouble", "3.141592653589793")
                .raw("customBoolean", "false")
                .raw("customArray", "[\"a\",1]")
                .raw("customObject", "{\"k\":[\"v\"]}")
                .raw("customNull", "null")
                .json());
        token = verifier.verify(raw);
    }

    @Test
    void isAMicroProfileJsonWebToken() {
        JsonWebToken jwt = token;

        assertThat(jwt.getName()).isEqualTo("alice@example.com");
        assertThat(jwt.getIssuer()).isEqualTo(ISSUER);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getTokenID()).isEqualTo("a-123");
        assertThat(jwt.getExpirationTime()).isEqualTo(NOW_SECONDS + 300);
        assertThat(jwt.getIssuedAtTime()).isEqualTo(NOW_SECONDS - 60);
        assertThat(jwt.getAudience()).containsExactlyInAnyOrder(AUDIENCE, "billing-api");
        assertThat(jwt.getGroups()).containsExactly("user", "admin");
        assertThat(jwt.getRawToken()).isEqualTo(raw);
    }

    @Test
    void timeClaimsAreLongs() {
        assertThat(token.<Object>getClaim("exp")).isEqualTo(NOW_SECONDS + 300);
        assertThat(token.<Object>getClaim("iat")).isEqualTo(NOW_SECONDS - 60);
        assertThat(token.<Object>getClaim("nbf")).isEqualTo(NOW_SECONDS - 120);
        assertThat(token.<Object>getClaim(Claims.auth_time)).isEqualTo(NOW_SECONDS - 600);
    }

    @Test
    void audienceAndGroupsAreStringSets() {
        assertThat(token.<Object>getClaim("aud")).isEqualTo(Set.of(AUDIENCE, "billing-api"));
        assertThat(token.<Object>getClaim("groups")).as("the mapped groups, not the raw claim")
                .isEqualTo(Set.of("user", "admin"));
    }

    @Test
    void rawTokenIsAClaim() {
        assertThat(token.<Object>getClaim("raw_token")).isEqualTo(raw);
        assertThat(token.<Object>getClaim(Claims.raw_token)).isEqualTo(raw);
    }

    @Test
    void standardClaimsHaveTheirDeclaredTypes() {
        assertThat(token.<Object>getClaim("email_verified")).isEqualTo(Boolean.TRUE);
        assertThat(token.<Object>getClaim("address")).isInstanceOf(JsonObject.class);
        assertThat(token.<JsonObject>getClaim("address").getString("country")).isEqualTo("NL");
        assertThat(token.<Object>getClaim("upn")).isEqualTo("alice@example.com");
    }

    @Test
    void otherClaimsAreJsonValuesExceptStringsAndBooleans() {
        assertThat(token.<Object>getClaim("customString")).isEqualTo("customStringValue");
        assertThat(token.<JsonNumber>getClaim("customInteger").longValue()).isEqualTo(123456789L);
        assertThat(token.<JsonNumber>getClaim("customDouble").doubleValue()).isEqualTo(3.141592653589793);
        assertThat(token.<Object>getClaim("customBoolean")).isEqualTo(Boolean.FALSE);
        assertThat(token.<JsonArray>getClaim("customArray")).hasSize(2);
        assertThat(token.<JsonObject>getClaim("customObject").getJsonArray("k").getString(0)).isEqualTo("v");
        assertThat(token.<Object>getClaim("customNull")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void absentClaimsAreNull() {
        assertThat(token.<Object>getClaim("nonce")).isNull();
        assertThat(token.<Object>getClaim("unknown")).isNull();
        assertThat(token.<Object>getClaim((String) null)).isNull();
        assertThat(token.containsClaim("unknown")).isFalse();
        assertThat(token.containsClaim("customString")).isTrue();
    }

    @Test
    void claimNamesAreTheTokensPlusRawTokenAndGroups() {
        assertThat(token.getClaimNames()).contains("iss", "sub", "exp", "iat", "nbf", "aud", "upn", "customObject",
                "realm_access", "raw_token", "groups");
    }

    @Test
    void tokenWithoutOptionalClaimsHasNullAudienceEmptyGroupsAndZeroIat() throws Exception {
        TokenVerifier anyAudience = Fixture.verifier(settings().audiences(), new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_1)));
        VerifiedToken bare = anyAudience.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().without("aud").without("iat").json()));

        assertThat(bare.getAudience()).isNull();
        assertThat(bare.getGroups()).isEmpty();
        assertThat(bare.<Object>getClaim("groups")).isNull();
        assertThat(bare.getClaimNames()).doesNotContain("groups").contains("raw_token");
        assertThat(bare.getIssuedAtTime()).isZero();
    }

    @Test
    void audienceStringIsASingletonSet() throws Exception {
        VerifiedToken single = verifier.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().json()));

        assertThat(single.getAudience()).containsExactly(AUDIENCE);
    }

    @Test
    void isImmutable() {
        assertThatThrownBy(() -> token.getGroups().add("root")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> token.getAudience().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> token.getClaimNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> token.<JsonObject>getClaim("customObject").put("x", JsonValue.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNamesCallerAndIssuerButNeverTheToken() {
        String[] parts = raw.split("\\.");

        assertThat(token.toString()).contains("alice@example.com", ISSUER)
                .doesNotContain(parts[0]).doesNotContain(parts[1]).doesNotContain(parts[2]).doesNotContain("customStringValue");
    }

    @Test
    void equalsTheSameTokenVerifiedAgainOnly() throws Exception {
        VerifiedToken again = verifier.verify(raw);
        VerifiedToken other = verifier.verify(sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"),
                claims().with("upn", "alice@example.com").json()));

        assertThat(again).isEqualTo(token).hasSameHashCodeAs(token);
        assertThat(other).isNotEqualTo(token);
        assertThat(other.getName()).isEqualTo(token.getName());
    }
}
