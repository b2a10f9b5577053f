package dev.tessera.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the IT servers of this build that are still running when an integration-test JVM (one failsafe execution)
 * opens and when it closes. Arquillian stops the server it started after the last test class, but not when it failed
 * to attach to it (e.g. "IOException: Premature EOF"): that server would keep the test port, and the next suite's
 * server, on the same port, would answer nothing. Does nothing in unit tests (no {@code wlp.home}).
 */
public final class LeftoverServers implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(LeftoverServers.class.getName());

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        stopAll();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stopAll();
    }

    private static void stopAll() {
        String wlpHome = System.getProperty("wlp.home");
        String servers = System.getProperty("it.servers");
        if (wlpHome == null || servers == null) {
            return;
        }
        Arrays.stream(servers.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .filter(name -> isRunning(wlpHome, name)).forEach(name -> stop(Path.of(wlpHome), name));
    }

    /** A JVM of this machine runs this Liberty installation's launcher for exactly this server (the last argument). */
    static boolean isRunning(String wlpHome, String serverName) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .filter(line -> line.contains(wlpHome) && line.contains("ws-server.jar") && line.endsWith(" " + serverName))
                .isPresent());
    }

    private static void stop(Path wlpHome, String serverName) {
        LOG.warning("Stopping the Liberty server " + serverName + ", left running by an earlier suite or build");
        try {
            Process stop = new ProcessBuilder(wlpHome.resolve("bin").resolve("server").toString(), "stop", serverName)
                    .inheritIO().start();
            if (!stop.waitFor(120, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warning("Could not stop the Liberty server " + serverName + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
