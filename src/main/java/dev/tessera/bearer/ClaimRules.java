package dev.tessera.bearer;

import dev.tessera.config.BearerSettings;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * All claim rules of a deployment, built once, in two groups: the time-dependent rules ({@code exp}, {@code nbf},
 * {@code iat}, token age), which a cache of verified tokens runs again on every hit, and the rules whose outcome
 * never changes for a given token, the application's own last.
 */
final class ClaimRules {

    private final List<ClaimRule> contentRules;
    private final List<ClaimRule> timeRules;

    private ClaimRules(List<ClaimRule> contentRules, List<ClaimRule> timeRules) {
        this.contentRules = List.copyOf(contentRules);
        this.timeRules = List.copyOf(timeRules);
    }

    /** The built-in rules for the given settings, then the application's. */
    static ClaimRules from(BearerSettings settings, List<ClaimRule> applicationRules) {
        List<ClaimRule> content = new ArrayList<>();
        if (!settings.trust().issuerNames().isEmpty()) {
            content.add(new IssuerRule(settings.trust().issuerNames().stream().map(URI::toString).toList()));
        }
        if (!settings.rules().audiences().isEmpty()) {
            content.add(new AudienceRule(settings.rules().audiences()));
        }
        content.add(new AccessTokenKindRule());
        content.add(new CallerNameRule());
        content.addAll(applicationRules);

        List<ClaimRule> time = new ArrayList<>();
        time.add(new ExpirationRule(settings.rules().clockSkew()));
        time.add(new NotBeforeRule(settings.rules().clockSkew()));
        time.add(new IssuedAtRule(settings.rules().clockSkew()));
        settings.rules().maxTokenAge().ifPresent(age -> time.add(new TokenAgeRule(age)));
        return new ClaimRules(content, time);
    }

    /** Runs every rule; the first failure wins. */
    void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        for (ClaimRule rule : contentRules) {
            rule.check(claims, now);
        }
        checkTime(claims, now);
    }

    /** Runs only the time-dependent rules: enough for a token that passed {@link #check} before. */
    void checkTime(TokenClaims claims, Instant now) throws InvalidTokenException {
        for (ClaimRule rule : timeRules) {
            rule.check(claims, now);
        }
    }
}
