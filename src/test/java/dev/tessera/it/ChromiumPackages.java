package dev.tessera.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, installed with {@code apt-get} the first time a browser test
 * needs them (a fresh machine has only Java and Maven): non-interactively, quietly (the output goes to
 * {@code target/chromium-install.log}), waiting for another process's dpkg lock instead of failing, and only once
 * among the test JVMs of all builds on the machine (a file lock). Needs root or password-less sudo; otherwise it fails
 * with the command to run by hand.
 */
final class ChromiumPackages {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Logger LOG = Logger.getLogger(ChromiumPackages.class.getName());
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "tessera-chromium-install.lock");
    private static final Path LOG_FILE = Path.of("target", "chromium-install.log");
    private static final String COMMAND = "apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver";

    private ChromiumPackages() {
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Installs the two packages unless both programs are there already. */
    static synchronized void ensureInstalled() {
        if (installed()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (!installed()) { // another build may have installed them while this one waited for the lock
                install();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not install chromium and chromium-driver (" + e + "); install them by hand: "
                    + COMMAND, e);
        }
    }

    private static void install() throws IOException {
        List<String> prefix = privileges();
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("chromium and chromedriver are missing and this is no Debian system (no apt-get): "
                    + "install a chromium and its chromedriver as /usr/bin/chromium and /usr/bin/chromedriver");
        }
        LOG.info("Installing Debian's chromium and chromium-driver for the browser tests (output in " + LOG_FILE + ")");
        Files.createDirectories(LOG_FILE.getParent());
        // wait up to ten minutes for the dpkg lock that another apt-get (another build, unattended upgrades) may hold
        run(prefix, "apt-get", "-q", "-o", "DPkg::Lock::Timeout=600", "update");
        run(prefix, "apt-get", "-q", "-y", "-o", "DPkg::Lock::Timeout=600", "install", "--no-install-recommends",
                "chromium", "chromium-driver");
        if (!installed()) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver, but " + CHROMIUM + " or "
                    + CHROMEDRIVER + " is still missing; see " + LOG_FILE.toAbsolutePath());
        }
    }

    /** Nothing as root, {@code sudo -n} where that works without a password; otherwise a clear failure. */
    private static List<String> privileges() throws IOException {
        if ("root".equals(ProcessHandle.current().info().user().orElse(""))) {
            return List.of();
        }
        if (Files.isExecutable(Path.of("/usr/bin/sudo")) && exitCode(List.of("sudo", "-n", "true")) == 0) {
            return List.of("sudo", "-n", "DEBIAN_FRONTEND=noninteractive");
        }
        throw new IllegalStateException("the browser tests need chromium and chromium-driver; installing them needs root "
                + "or password-less sudo. Install them once by hand: sudo sh -c '" + COMMAND + "'");
    }

    private static void run(List<String> prefix, String... command) throws IOException {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_FILE.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int exit = waitFor(builder.start(), String.join(" ", line));
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed with exit code " + exit + "; see "
                    + LOG_FILE.toAbsolutePath());
        }
    }

    private static int exitCode(List<String> command) throws IOException {
        return waitFor(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), String.join(" ", command));
    }

    private static int waitFor(Process process, String what) {
        try {
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within 20 minutes; see " + LOG_FILE.toAbsolutePath());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }
}
