package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.NOW;
import static dev.tessera.bearer.Fixture.NOW_SECONDS;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.settings;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimPolicyTest {

    private static final StrictJsonReader JSON = new StrictJsonReader(JsonProvider.provider());

    private final ClaimPolicy policy = ClaimPolicy.from(settings().maxTokenAge(Duration.ofHours(1)).build());

    @Test
    void typicalClaimsPass() {
        assertThatCode(() -> policy.check(parse(claims()), NOW)).doesNotThrowAnyException();
    }

    @Test
    void timeChecksAloneIgnoreEverythingThatCannotChange() {
        JsonObject wrongAudience = parse(claims().with("aud", "someone-else").with("iss", "https://evil.example"));

        assertThatThrownBy(() -> policy.check(wrongAudience, NOW)).isExactlyInstanceOf(InvalidTokenException.class);
        assertThatCode(() -> policy.checkTime(wrongAudience, NOW)).doesNotThrowAnyException();
    }

    @Test
    void timeChecksFollowTheClock() {
        JsonObject claims = parse(claims());

        assertThatCode(() -> policy.checkTime(claims, NOW.plusSeconds(300 + 59))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkTime(claims, NOW.plusSeconds(300 + 60))).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tokenAgeIsATimeCheck() {
        JsonObject claims = parse(claims().with("exp", NOW_SECONDS + 7200));

        assertThatCode(() -> policy.checkTime(claims, NOW.plusSeconds(3600))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkTime(claims, NOW.plusSeconds(3600 + 1))).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void hugeConfiguredDurationsDoNotOverflow() {
        ClaimPolicy lenient = ClaimPolicy.from(settings().clockSkew(Duration.ofSeconds(Long.MAX_VALUE))
                .maxTokenAge(Duration.ofSeconds(Long.MAX_VALUE)).build());
        JsonObject claims = parse(claims().with("exp", 0).with("iat", NumericDate.MAX_SECONDS).with("nbf", NumericDate.MAX_SECONDS));

        assertThatCode(() -> lenient.checkTime(claims, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> lenient.checkTime(claims, Instant.EPOCH)).doesNotThrowAnyException();
    }

    @Test
    void eachCheckIsASmallReusableRule() {
        List<ClaimCheck> checks = List.of(new ExpirationCheck(Duration.ZERO), new AudienceCheck(java.util.Set.of("x")));
        ClaimPolicy custom = new ClaimPolicy(List.of(checks.get(1)), List.of(checks.get(0)));

        assertThatCode(() -> custom.check(parse(claims().with("aud", "x")), NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> custom.check(parse(claims().with("aud", "y")), NOW)).isExactlyInstanceOf(InvalidTokenException.class);
    }

    private static JsonObject parse(Fixture.ClaimsJson claims) {
        try {
            return JSON.readObject(claims.json().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidTokenException e) {
            throw new AssertionError(e);
        }
    }
}
