package dev.tessera.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testng.TestNG;

/**
 * Runs the MicroProfile JWT 2.1 TCK (our copy of its full suite, {@code tck/tck-full-suite.xml}) against the runtime
 * named by {@code tck.runtime}, on the Liberty server Arquillian is configured with, and prints one line per test that
 * did not pass and {@code N passed, M failed, K skipped}. TestNG runs inside this JUnit test so that Surefire and
 * Failsafe keep choosing the JUnit Platform for every execution: with TestNG on the class path a TestNG execution
 * would need providers pinned per plugin, which Maven allows only for the whole plugin.
 *
 * <p>Against Tessera, fails when a test that is not in the server's list of open failures
 * ({@code tck/open-failures-tessera.txt} on Liberty, {@code tck/open-failures-tessera-payara.txt} on Payara, chosen by
 * {@code tessera.it.server}; each with its reason, see docs/tck.md and the README) does not pass, and when a listed
 * test passes: the lists, and the README that shows them, stay exactly what fails. With {@code tck.failOnFailure}
 * true (the pom's switch) every test
 * must pass. For either runtime, all of the suite's tests must have run.
 */
@Tag("tck") // runs only in the tck execution, on the tessera-<port>-tck server
class MicroProfileJwtTck {

    /** The tests of the MicroProfile JWT 2.1 TCK's full suite, as TestNG counts them for either runtime. */
    private static final int TCK_TESTS = 206;

    @Test
    void theTckPasses() throws URISyntaxException, IOException {
        String runtime = System.getProperty(TckDeployment.RUNTIME, "tessera");
        boolean payara = "payara".equals(System.getProperty("tessera.it.server"));
        String list = payara ? "open-failures-tessera-payara.txt" : "open-failures-tessera.txt";
        TckSummary summary = new TckSummary();
        TestNG testng = new TestNG();
        testng.setTestSuites(List.of(suite().toString()));
        testng.setOutputDirectory(Path.of("target", "tck-reports", payara ? runtime + "-payara" : runtime).toString());
        testng.setUseDefaultListeners(true);
        testng.addListener(summary);
        testng.run();

        System.out.println(summary.report(runtime));
        if (Boolean.getBoolean("tck.failOnFailure")) {
            assertThat(summary.failed() + summary.skipped()).as("TCK tests that did not pass").isZero();
        }
        if (runtime.equals("tessera")) {
            Set<String> open = openFailures(list);
            assertThat(summary.notPassed()).as("TCK tests that do not pass and are not in tck/" + list)
                    .isSubsetOf(open);
            // the README lists the open ones as failing: a listed test that passes must leave the list and the README
            assertThat(open).as("TCK tests that pass now: take them off tck/" + list + " and the README")
                    .isSubsetOf(summary.notPassed());
        }
        // a suite that ran fewer tests (a class that failed to load, a changed suite file) must not look green
        assertThat(summary.passed() + summary.failed() + summary.skipped()).as("TCK tests run").isEqualTo(TCK_TESTS);
    }

    /** The open failures: one {@code SimpleClassName.method} per line, {@code #} starts a comment. */
    private static Set<String> openFailures(String name) throws IOException, URISyntaxException {
        Path list = Path.of(Objects.requireNonNull(MicroProfileJwtTck.class.getResource("/tck/" + name)).toURI());
        try (var lines = Files.lines(list)) {
            return lines.map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static Path suite() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(MicroProfileJwtTck.class.getResource("/tck/tck-full-suite.xml")).toURI());
    }
}
