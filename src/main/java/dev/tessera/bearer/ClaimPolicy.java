package dev.tessera.bearer;

import dev.tessera.config.BearerSettings;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * All claim rules of a deployment, built once from the settings, in two groups: the time-dependent checks
 * ({@code exp}, {@code nbf}, {@code iat}, token age), which a cache of verified tokens must run again on every
 * hit, and the checks whose outcome never changes for a given token.
 */
final class ClaimPolicy implements ClaimCheck {

    private final List<ClaimCheck> contentChecks;
    private final List<ClaimCheck> timeChecks;

    ClaimPolicy(List<ClaimCheck> contentChecks, List<ClaimCheck> timeChecks) {
        this.contentChecks = List.copyOf(contentChecks);
        this.timeChecks = List.copyOf(timeChecks);
    }

    /** The standard rules for the given settings. */
    static ClaimPolicy from(BearerSettings settings) {
        List<ClaimCheck> content = new ArrayList<>();
        content.add(new RegisteredClaimsCheck());
        if (!settings.trust().issuerNames().isEmpty()) {
            Set<String> issuers = settings.trust().issuerNames().stream().map(URI::toString).collect(Collectors.toSet());
            content.add(new IssuerCheck(issuers));
        }
        if (!settings.rules().audiences().isEmpty()) {
            content.add(new AudienceCheck(settings.rules().audiences()));
        }
        content.add(new AccessTokenKindCheck());
        content.add(new CallerNameCheck());

        List<ClaimCheck> time = new ArrayList<>();
        time.add(new ExpirationCheck(settings.rules().clockSkew()));
        time.add(new NotBeforeCheck(settings.rules().clockSkew()));
        time.add(new IssuedAtCheck(settings.rules().clockSkew()));
        settings.rules().maxTokenAge().ifPresent(age -> time.add(new TokenAgeCheck(age, settings.rules().clockSkew())));
        return new ClaimPolicy(content, time);
    }

    /** Runs every check; the first failure wins. */
    @Override
    public void check(JsonObject claims, Instant now) throws InvalidTokenException {
        for (ClaimCheck check : contentChecks) {
            check.check(claims, now);
        }
        checkTime(claims, now);
    }

    /** Runs only the time-dependent checks: enough for a token that passed {@link #check} before. */
    void checkTime(JsonObject claims, Instant now) throws InvalidTokenException {
        for (ClaimCheck check : timeChecks) {
            check.check(claims, now);
        }
    }
}
