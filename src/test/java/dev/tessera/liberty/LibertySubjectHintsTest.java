package dev.tessera.liberty;

import static dev.tessera.liberty.LibertySubjectHints.CACHE_KEY;
import static dev.tessera.liberty.LibertySubjectHints.NO_LTPA_CACHE_KEY;
import static dev.tessera.liberty.LibertySubjectHints.NO_LTPA_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Hashtable;
import java.util.Set;

import javax.security.auth.Subject;

import org.junit.jupiter.api.Test;

import dev.tessera.bearer.CachingTokenVerifier.Verification;
import dev.tessera.bearer.VerifiedTokens;

class LibertySubjectHintsTest {

    private static final String TOKEN = VerifiedTokens.sign("alice");

    private final LibertySubjectHints hints = new LibertySubjectHints();
    private final VerifiedTokens.Cache cache = VerifiedTokens.cache();

    /** The token as verified on its first request, and the repeat the cache serves on the next ones. */
    private final Verification first = cache.verification(TOKEN);
    private final Verification repeat = cache.verification(TOKEN);

    @Test
    void libertySignsNoLtpaTokenForABearerCaller() {
        Hashtable<?, ?> properties = hintsFor(hints, repeat);

        assertThat(properties.get(NO_LTPA_COOKIE)).isEqualTo(Boolean.TRUE);
        assertThat(properties.get(NO_LTPA_CACHE_KEY)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void theSameCachedTokenGetsTheSameCacheKeyOnEveryRequest() {
        assertThat(hintsFor(hints, repeat).get(CACHE_KEY)).isNotNull()
                .isEqualTo(hintsFor(hints, cache.verification(TOKEN)).get(CACHE_KEY));
    }

    @Test
    void verifyingTheTokenAgainGivesAnotherCacheKey() {
        VerifiedTokens.Cache another = VerifiedTokens.cache();
        another.verification(TOKEN);

        assertThat(hintsFor(hints, repeat).get(CACHE_KEY)).isNotEqualTo(hintsFor(hints, another.verification(TOKEN)).get(CACHE_KEY));
    }

    @Test
    void anotherDeploymentGetsOtherCacheKeysForTheSameEntry() {
        assertThat(hintsFor(hints, repeat).get(CACHE_KEY)).isNotEqualTo(hintsFor(new LibertySubjectHints(), repeat).get(CACHE_KEY));
    }

    @Test
    void theCacheKeyHoldsNothingOfTheToken() {
        String key = (String) hintsFor(hints, repeat).get(CACHE_KEY);

        assertThat(key).matches("tessera:[0-9a-f]{24}:[0-9]+");
        for (String part : TOKEN.split("\\.")) {
            assertThat(key).doesNotContain(part.substring(0, 8));
        }
    }

    @Test
    void aTokenSeenOnceGetsNoCacheKeySoLibertyKeepsNothingForIt() {
        Subject subject = new Subject();
        hints.addTo(subject, first);

        assertThat(subject.getPrivateCredentials(Hashtable.class)).singleElement()
                .satisfies(properties -> assertThat(properties).doesNotContainKey(CACHE_KEY).containsKeys(NO_LTPA_COOKIE, NO_LTPA_CACHE_KEY));
    }

    @Test
    void aTableAlreadyInTheSubjectIsTheOneFilledSinceLibertyReadsOnlyOne() {
        Subject subject = new Subject();
        Hashtable<String, Object> existing = new Hashtable<>();
        existing.put("com.ibm.wsspi.security.cred.securityName", "alice");
        subject.getPrivateCredentials().add(new char[] {'s'}); // another kind of credential, before the table
        subject.getPrivateCredentials().add(existing);

        hints.addTo(subject, repeat);

        assertThat(subject.getPrivateCredentials(Hashtable.class)).containsExactly(existing);
        assertThat(existing).containsKeys(CACHE_KEY, NO_LTPA_COOKIE, NO_LTPA_CACHE_KEY, "com.ibm.wsspi.security.cred.securityName");
    }

    @Test
    void noClientSubjectIsNoError() {
        assertThatCode(() -> hints.addTo(null, repeat)).doesNotThrowAnyException();
    }

    private static Hashtable<?, ?> hintsFor(LibertySubjectHints hints, Verification verification) {
        Subject subject = new Subject();
        hints.addTo(subject, verification);
        Set<Hashtable> tables = subject.getPrivateCredentials(Hashtable.class);
        assertThat(tables).hasSize(1);
        return tables.iterator().next();
    }
}
