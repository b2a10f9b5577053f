package dev.tessera.liberty;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Set;

import javax.security.auth.Subject;

import dev.tessera.bearer.CachingTokenVerifier.Verification;

/**
 * Open Liberty only: custom credential properties that the mechanism puts into the JASPI client subject before
 * {@code notifyContainerAboutLogin}. Liberty reads a {@link Hashtable} among the subject's private credentials (its
 * callback handler adds the caller and groups to the same table). Liberty's own {@code mpJwt} feature sets the same
 * properties. The mechanism uses this class only when the servlet container says it is Liberty; other servers
 * never see the table.
 * <ul>
 * <li>No LTPA cookie, and no LTPA token as a key of Liberty's authentication cache: a bearer caller is
 * authenticated on every request and gets no single sign-on cookie. Without these, Liberty signs an LTPA token
 * for every caller it puts into its authentication cache (on by default), which costs more than verifying a
 * bearer token.</li>
 * <li>For a repeated token (served from Tessera's verified-token cache): a cache key naming that cache entry
 * ({@link Verification#cacheEntry()}) and this deployment (a random prefix), so that
 * Liberty takes the subject it built for the token last time instead of a new JAAS login. Liberty only looks the
 * key up after this mechanism has accepted the request's token, and one key always stands for one verified token,
 * so one name and one set of groups. The key holds nothing of the token. A token seen once gets no key of its
 * own: Liberty then caches its subject only under the caller's name, as for any login, and the caller's next login
 * replaces it.</li>
 * </ul>
 */
public final class LibertySubjectHints {

    /** {@code com.ibm.wsspi.security.token.AttributeNameConstants.WSCREDENTIAL_CACHE_KEY}. */
    static final String CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";
    /** {@code com.ibm.ws.security.authentication.AuthenticationConstants.INTERNAL_DISABLE_SSO_LTPA_COOKIE}. */
    static final String NO_LTPA_COOKIE = "com.ibm.ws.authentication.internal.sso.disable.ltpa.cookie";
    /** {@code com.ibm.ws.security.authentication.AuthenticationConstants.INTERNAL_DISABLE_SSO_LTPA_CACHE}. */
    static final String NO_LTPA_CACHE_KEY = "com.ibm.ws.authentication.internal.sso.disable.ltpa.cache";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String keyPrefix;

    /** Hints of one deployment: its cache keys are its own. */
    public LibertySubjectHints() {
        byte[] deployment = new byte[12];
        RANDOM.nextBytes(deployment);
        this.keyPrefix = "tessera:" + HexFormat.of().formatHex(deployment) + ":";
    }

    /**
     * Adds the properties for an accepted caller.
     *
     * @param clientSubject the JASPI client subject; nothing happens when it is {@code null}
     * @param verification  the accepted token, and whether it came from the verified-token cache
     */
    public void addTo(Subject clientSubject, Verification verification) {
        if (clientSubject == null) {
            return;
        }
        Hashtable<String, Object> properties = propertiesOf(clientSubject);
        properties.put(NO_LTPA_COOKIE, Boolean.TRUE);
        properties.put(NO_LTPA_CACHE_KEY, Boolean.TRUE);
        if (verification.cacheEntry().isPresent()) {
            properties.put(CACHE_KEY, keyPrefix + verification.cacheEntry().getAsLong());
        }
    }

    /**
     * Liberty reads one table, the first it finds: add to it if there is one already. Scans the set itself:
     * {@code getPrivateCredentials(Class)} would copy it first, on every request.
     */
    @SuppressWarnings("unchecked")
    private static Hashtable<String, Object> propertiesOf(Subject subject) {
        Set<Object> credentials = subject.getPrivateCredentials();
        for (Object credential : credentials) {
            if (credential instanceof Hashtable<?, ?> existing) {
                return (Hashtable<String, Object>) existing;
            }
        }
        Hashtable<String, Object> created = new Hashtable<>(8);
        credentials.add(created);
        return created;
    }
}
