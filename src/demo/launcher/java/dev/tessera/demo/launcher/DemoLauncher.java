package dev.tessera.demo.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo's Liberty server in the foreground for {@code mvn -Pdemo}, and stops it however Maven is stopped.
 * It exists because the server JVM that Liberty's {@code server run} starts outlives a Maven stopped by a signal sent
 * to Maven alone (exec:exec leaves it running, holding ports 9080 and 9443); this class runs inside Maven's JVM
 * (exec:java), and its shutdown hook asks Liberty to stop.
 */
public final class DemoLauncher {

    /** How long one {@code server stop}, and then the end of {@code server run}, may take on a busy machine. */
    private static final long STOP_SECONDS = 60;

    private DemoLauncher() {
    }

    /**
     * Stops a server of that name left running, then runs it until it ends or Maven's JVM shuts down.
     *
     * @param args Liberty's launcher ({@code wlp/bin/server}, or {@code server.bat} on Windows) and the server's name
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DemoLauncher <wlp/bin/server> <server name>");
        }
        String launcher = args[0];
        String server = args[1];

        // A SIGKILL of an earlier Maven runs no shutdown hook; its server still holds the ports.
        if (stop(launcher, server, Redirect.DISCARD) == 0) {
            System.out.println("Stopped the " + server + " server left running by an earlier run.");
        }

        Process running = new ProcessBuilder(launcher, "run", server).inheritIO().start();
        Thread stopper = new Thread(() -> stopAndWait(launcher, server, running), "stop " + server);
        Runtime.getRuntime().addShutdownHook(stopper);

        int exit = running.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            return; // Maven is being stopped, and the hook stopped the server: not a failure of the demo
        }
        if (exit != 0) {
            throw new IllegalStateException("Liberty's `server run " + server + "` ended with exit code " + exit);
        }
    }

    /**
     * The shutdown hook: {@code server stop} (Liberty's orderly stop, the same on Windows), then a bounded wait for
     * {@code server run} to end; a server that outlasts both is killed, with any process its launcher started.
     */
    private static void stopAndWait(String launcher, String server, Process running) {
        try {
            if (running.isAlive()) {
                stop(launcher, server, Redirect.INHERIT);
            }
            if (running.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
            System.out.println(server + " did not stop within " + STOP_SECONDS + " s; killing it.");
        } catch (IOException | InterruptedException e) {
            System.out.println("Could not stop " + server + " in order (" + e + "); killing it.");
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
    }

    /** Runs {@code server stop}: exit code 0 when it stopped a running server, 1 when none was running. */
    private static int stop(String launcher, String server, Redirect output) throws IOException, InterruptedException {
        Process stop = new ProcessBuilder(launcher, "stop", server)
                .redirectOutput(output)
                .redirectError(output)
                .start();
        if (!stop.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            stop.destroyForcibly();
            throw new IOException("`server stop " + server + "` did not end within " + STOP_SECONDS + " s");
        }
        return stop.exitValue();
    }
}
