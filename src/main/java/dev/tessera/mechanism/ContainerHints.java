package dev.tessera.mechanism;

import javax.security.auth.Subject;

import dev.tessera.bearer.CachingTokenVerifier.Verification;
import dev.tessera.liberty.LibertyMechanismCache;
import dev.tessera.liberty.LibertySubjectHints;

/**
 * What the mechanism tells a particular container about an accepted caller besides its name and groups, and what it
 * makes the container let go of when the application stops. Only Open Liberty gets anything
 * ({@link LibertySubjectHints}, {@link LibertyMechanismCache}); every other server (GlassFish, Payara, ...) nothing.
 */
interface ContainerHints {

    /** For containers that need no hints. */
    ContainerHints NONE = (clientSubject, verification) -> {
    };

    /**
     * @param clientSubject the JASPI client subject, or {@code null}
     * @param verification  the accepted token, and whether it came from the verified-token cache
     */
    void addTo(Subject clientSubject, Verification verification);

    /** When the application stops: makes the container drop what it still holds of {@code mechanismClass}. */
    default void release(Class<?> mechanismClass) {
    }

    /**
     * The hints for the container that answers {@code ServletContext.getServerInfo()} with this text. Open Liberty
     * answers {@code IBM WebSphere Liberty/<version>} (WebSphere Liberty too); the text is the portable way to tell,
     * since Liberty's own classes are not visible to an application.
     *
     * @param runtimeLoader the class loader of the container's {@code HttpMessageContext}
     */
    static ContainerHints forServer(String serverInfo, ClassLoader runtimeLoader) {
        if (serverInfo == null || !serverInfo.contains("Liberty")) {
            return NONE;
        }
        LibertySubjectHints subjectHints = new LibertySubjectHints();
        return new ContainerHints() {
            @Override
            public void addTo(Subject clientSubject, Verification verification) {
                subjectHints.addTo(clientSubject, verification);
            }

            @Override
            public void release(Class<?> mechanismClass) {
                LibertyMechanismCache.forget(runtimeLoader, mechanismClass);
            }
        };
    }
}
