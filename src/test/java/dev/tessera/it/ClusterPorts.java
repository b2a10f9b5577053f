package dev.tessera.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The ports of ClusterIT's two servers, derived from the build's one port switch {@code liberty.http.port} (Maven
 * cannot add, so the test JVM does it before Arquillian reads {@code arquillian-cluster.xml}): server A serves HTTP on
 * the build's port and server B on the next one, HTTPS (the provider's login form) on the two after; their
 * Hazelcast members listen on the port ten above the build's port and the next. The Hazelcast cluster is named after the build's port. Properties already set (e.g. with {@code -D}) win.
 */
public final class ClusterPorts implements LauncherSessionListener {

    /** How far above the HTTP port the Hazelcast members listen. */
    static final int HAZELCAST_OFFSET = 10;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("liberty.http.port");
        if (port == null) {
            return; // unit tests
        }
        int http = Integer.parseInt(port);
        setIfAbsent("tessera.cluster.a.http.port", http);
        setIfAbsent("tessera.cluster.b.http.port", http + 1);
        setIfAbsent("tessera.cluster.a.https.port", http + 2);
        setIfAbsent("tessera.cluster.b.https.port", http + 3);
        setIfAbsent("tessera.cluster.a.hazelcast.port", http + HAZELCAST_OFFSET);
        setIfAbsent("tessera.cluster.b.hazelcast.port", http + HAZELCAST_OFFSET + 1);
        if (System.getProperty("tessera.cluster.members") == null) {
            System.setProperty("tessera.cluster.members", "127.0.0.1:" + System.getProperty("tessera.cluster.a.hazelcast.port")
                    + ",127.0.0.1:" + System.getProperty("tessera.cluster.b.hazelcast.port"));
        }
        if (System.getProperty("tessera.cluster.name") == null) {
            System.setProperty("tessera.cluster.name", "tessera-" + http);
        }
    }

    private static void setIfAbsent(String name, int value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, String.valueOf(value));
        }
    }
}
