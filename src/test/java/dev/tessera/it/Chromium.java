package dev.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser for the integration tests: Debian's chromium, driven through its chromedriver with Selenium
 * WebDriver, with a new empty profile each time. {@link #open()} installs the Debian packages when they are missing
 * ({@link ChromiumPackages}); {@link #close()} ends chromium and chromedriver and deletes the profile, so a test
 * opens it in try-with-resources and the browser is gone even when the test fails. Chromium is started so that it
 * calls no one but the pages it is sent to (this machine's network is closed; nothing of Google's is needed).
 */
final class Chromium implements AutoCloseable {

    /** Generous bounds: chromium starts slowly on a busy two-core machine. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts chromium headless (installing it first when it is missing). */
    static Chromium open() {
        ChromiumPackages.ensureInstalled();
        Path profile = createProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumPackages.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        options.setPageLoadTimeout(TIMEOUT);
        // the test servers' HTTPS certificates are self-signed; a test browser never leaves loopback
        options.setAcceptInsecureCerts(true);
        // The driver's path is given, so Selenium Manager (which would download a driver) never runs.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumPackages.CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile()).withTimeout(TIMEOUT).build();
        try {
            return new Chromium(profile, service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Waits (at most {@link #TIMEOUT}) until the condition gives a value that is not null or false, and returns it. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT).until(condition::apply);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                service.stop();
            } finally {
                delete(profile);
            }
        }
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
