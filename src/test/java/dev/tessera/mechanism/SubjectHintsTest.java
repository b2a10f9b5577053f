package dev.tessera.mechanism;

import static dev.tessera.mechanism.SubjectHints.CACHE_KEY;
import static dev.tessera.mechanism.SubjectHints.NO_LTPA_CACHE_KEY;
import static dev.tessera.mechanism.SubjectHints.NO_LTPA_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Hashtable;
import java.util.Set;

import javax.security.auth.Subject;

import org.junit.jupiter.api.Test;

import dev.tessera.bearer.VerifiedToken;
import dev.tessera.bearer.VerifiedTokens;

class SubjectHintsTest {

    private static final String TOKEN = VerifiedTokens.sign("alice");

    private final SubjectHints hints = new SubjectHints();

    @Test
    void libertySignsNoLtpaTokenForABearerCaller() {
        Hashtable<?, ?> properties = hintsFor(hints, VerifiedTokens.verify(TOKEN));

        assertThat(properties.get(NO_LTPA_COOKIE)).isEqualTo(Boolean.TRUE);
        assertThat(properties.get(NO_LTPA_CACHE_KEY)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void theSameVerifiedTokenGetsTheSameCacheKeyOnEveryRequest() {
        VerifiedToken token = VerifiedTokens.verify(TOKEN);

        assertThat(hintsFor(hints, token).get(CACHE_KEY)).isNotNull().isEqualTo(hintsFor(hints, token).get(CACHE_KEY));
    }

    @Test
    void verifyingTheTokenAgainGivesAnotherCacheKey() {
        Object first = hintsFor(hints, VerifiedTokens.verify(TOKEN)).get(CACHE_KEY);
        Object second = hintsFor(hints, VerifiedTokens.verify(TOKEN)).get(CACHE_KEY);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anotherDeploymentGetsOtherCacheKeysForTheSameObject() {
        VerifiedToken token = VerifiedTokens.verify(TOKEN);

        assertThat(hintsFor(hints, token).get(CACHE_KEY)).isNotEqualTo(hintsFor(new SubjectHints(), token).get(CACHE_KEY));
    }

    @Test
    void theCacheKeyHoldsNothingOfTheToken() {
        String key = (String) hintsFor(hints, VerifiedTokens.verify(TOKEN)).get(CACHE_KEY);

        assertThat(key).matches("tessera:[0-9a-f]{24}:[0-9]+");
        for (String part : TOKEN.split("\\.")) {
            assertThat(key).doesNotContain(part.substring(0, 8));
        }
    }

    @Test
    void aTokenSeenOnceGetsNoCacheKeySoLibertyKeepsNothingForIt() {
        Subject subject = new Subject();
        hints.addTo(subject, VerifiedTokens.verify(TOKEN), false);

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

        hints.addTo(subject, VerifiedTokens.verify(TOKEN), true);

        assertThat(subject.getPrivateCredentials(Hashtable.class)).containsExactly(existing);
        assertThat(existing).containsKeys(CACHE_KEY, NO_LTPA_COOKIE, NO_LTPA_CACHE_KEY, "com.ibm.wsspi.security.cred.securityName");
    }

    @Test
    void noClientSubjectIsNoError() {
        assertThatCode(() -> hints.addTo(null, VerifiedTokens.verify(TOKEN), true)).doesNotThrowAnyException();
    }

    /** The table for a repeated token. */
    private static Hashtable<?, ?> hintsFor(SubjectHints hints, VerifiedToken token) {
        Subject subject = new Subject();
        hints.addTo(subject, token, true);
        Set<Hashtable> tables = subject.getPrivateCredentials(Hashtable.class);
        assertThat(tables).hasSize(1);
        return tables.iterator().next();
    }
}
