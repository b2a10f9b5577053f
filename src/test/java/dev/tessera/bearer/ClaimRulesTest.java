package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.NOW;
import static dev.tessera.bearer.Fixture.NOW_SECONDS;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimRulesTest {

    private static final StrictJsonReader JSON = new StrictJsonReader(JsonProvider.provider());

    private final ClaimRules policy = ClaimRules.from(settings().maxTokenAge(Duration.ofHours(1)).build(), List.of());

    @Test
    void typicalClaimsPass() {
        assertThatCode(() -> policy.check(parse(claims()), NOW)).doesNotThrowAnyException();
    }

    @Test
    void timeChecksAloneIgnoreEverythingThatCannotChange() {
        TokenClaims wrongAudience = parse(claims().with("aud", "someone-else").with("iss", "https://evil.example"));

        assertThatThrownBy(() -> policy.check(wrongAudience, NOW)).isExactlyInstanceOf(InvalidTokenException.class);
        assertThatCode(() -> policy.checkTime(wrongAudience, NOW)).doesNotThrowAnyException();
    }

    @Test
    void timeChecksFollowTheClock() {
        TokenClaims claims = parse(claims());

        assertThatCode(() -> policy.checkTime(claims, NOW.plusSeconds(300 + 59))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkTime(claims, NOW.plusSeconds(300 + 60))).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tokenAgeIsATimeCheck() {
        TokenClaims claims = parse(claims().with("exp", NOW_SECONDS + 7200));

        // issued 60 s before NOW; at most one hour old, the 60 s clock skew not added
        assertThatCode(() -> policy.checkTime(claims, NOW.plusSeconds(3600 - 60))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkTime(claims, NOW.plusSeconds(3600 - 60 + 1))).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void hugeConfiguredDurationsDoNotOverflow() {
        ClaimRules lenient = ClaimRules.from(settings().clockSkew(Duration.ofSeconds(Long.MAX_VALUE))
                .maxTokenAge(Duration.ofSeconds(Long.MAX_VALUE)).build(), List.of());
        TokenClaims claims = parse(claims().with("exp", 0).with("iat", NumericDate.MAX_SECONDS).with("nbf", NumericDate.MAX_SECONDS));

        assertThatCode(() -> lenient.checkTime(claims, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> lenient.checkTime(claims, Instant.EPOCH)).doesNotThrowAnyException();
    }

    @Test
    void anApplicationRuleRunsAfterTheBuiltInRules() {
        ClaimRule tenantOnly = (claims, now) -> {
            if (!"acme".equals(claims.json().getString("tenant", null))) {
                throw new InvalidTokenException("tenant is not acme");
            }
        };
        ClaimRules rules = ClaimRules.from(settings().build(), List.of(tenantOnly));

        assertThatCode(() -> rules.check(parse(claims().with("tenant", "acme")), NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.check(parse(claims().with("tenant", "evil")), NOW))
                .isExactlyInstanceOf(InvalidTokenException.class).hasMessage("tenant is not acme");
        assertThatThrownBy(() -> rules.check(parse(claims().with("tenant", "acme").with("aud", "other")), NOW))
                .hasMessage("aud does not name this resource server");
    }

    @Test
    void aWrongAudienceIsReportedWithTheExpectedAndTheFoundAudiences() {
        assertThatThrownBy(() -> policy.check(parse(claims().with("aud", List.of("billing-api", "x"))), NOW))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.detail())
                        .hasValue("expected one of [" + Fixture.AUDIENCE + "], found [\"billing-api\", \"x\"]"));
    }

    @Test
    void anUntrustedIssuerIsReportedWithTheTokensAndTheConfiguredIssuers() {
        assertThatThrownBy(() -> policy.check(parse(claims().raw("iss", "\"https://evil.example/\\n\"")), NOW))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.detail())
                        .hasValue("iss \"https://evil.example/?\", trusted issuers [" + Fixture.ISSUER + "]"));
    }

    private static TokenClaims parse(Fixture.ClaimsJson claims) {
        try {
            return TokenClaims.read(JSON.readObject(claims.json().getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidTokenException e) {
            throw new AssertionError(e);
        }
    }
}
