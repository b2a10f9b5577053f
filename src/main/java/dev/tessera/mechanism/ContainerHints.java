package dev.tessera.mechanism;

import javax.security.auth.Subject;

import dev.tessera.bearer.CachingTokenVerifier.Verification;
import dev.tessera.liberty.LibertySubjectHints;

/**
 * What the mechanism tells a particular container about an accepted caller besides its name and groups. Only Open
 * Liberty gets anything ({@link LibertySubjectHints}); every other server (GlassFish, Payara, ...) gets nothing.
 */
@FunctionalInterface
interface ContainerHints {

    /** For containers that need no hints. */
    ContainerHints NONE = (clientSubject, verification) -> {
    };

    /**
     * @param clientSubject the JASPI client subject, or {@code null}
     * @param verification  the accepted token, and whether it came from the verified-token cache
     */
    void addTo(Subject clientSubject, Verification verification);

    /**
     * The hints for the container that answers {@code ServletContext.getServerInfo()} with this text. Open Liberty
     * answers {@code IBM WebSphere Liberty/<version>} (WebSphere Liberty too); the text is the portable way to tell,
     * since Liberty's own classes are not visible to an application.
     */
    static ContainerHints forServer(String serverInfo) {
        return serverInfo != null && serverInfo.contains("Liberty") ? new LibertySubjectHints()::addTo : NONE;
    }
}
