package dev.tessera.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.testng.ITestContext;
import org.testng.ITestListener;
import org.testng.ITestResult;

/**
 * Counts the TCK's results and keeps one line per test that did not pass, with the first line of its cause: the
 * readable part of the build log. A test that TestNG skips because its deployment failed is listed with the
 * deployment's error.
 */
final class TckSummary implements ITestListener {

    /** How Liberty's CWWKZ0002E line introduces the exception that stopped an application. */
    private static final String LIBERTY_REPORT = "The exception message was: ";
    /** Leading exception names that wrap one another ("a.StateChangeException: b.DeploymentException: "); the last one is kept. */
    private static final Pattern EXCEPTION_NAMES = Pattern.compile("(?:((?:Caused by: )?[\\w.$]+(?:Exception|Error): ))+");

    private int passed;
    private int failed;
    private int skipped;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> notPassed = new TreeSet<>();

    @Override
    public synchronized void onTestSuccess(ITestResult result) {
        passed++;
    }

    @Override
    public synchronized void onTestFailure(ITestResult result) {
        failed++;
        notPassed.add(name(result));
        problems.add("FAILED  " + name(result) + ": " + cause(result.getThrowable()));
    }

    @Override
    public synchronized void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        onTestFailure(result);
    }

    @Override
    public synchronized void onTestSkipped(ITestResult result) {
        skipped++;
        notPassed.add(name(result));
        problems.add("SKIPPED " + name(result) + ": " + cause(result.getThrowable()));
    }

    @Override
    public void onStart(ITestContext context) {
    }

    @Override
    public void onFinish(ITestContext context) {
    }

    /** The tests that failed or were skipped, as {@code SimpleClassName.method}. */
    synchronized Set<String> notPassed() {
        return Set.copyOf(notPassed);
    }

    synchronized int passed() {
        return passed;
    }

    synchronized int failed() {
        return failed;
    }

    synchronized int skipped() {
        return skipped;
    }

    /** The report: a line per test that did not pass, then {@code N passed, M failed, K skipped}. */
    synchronized String report(String runtime) {
        StringBuilder report = new StringBuilder("MicroProfile JWT 2.1 TCK on ").append(runtime).append('\n');
        problems.forEach(line -> report.append("  ").append(line).append('\n'));
        return report.append("TCK: ").append(passed).append(" passed, ").append(failed).append(" failed, ")
                .append(skipped).append(" skipped").toString();
    }

    private static String name(ITestResult result) {
        return result.getTestClass().getRealClass().getSimpleName() + "." + result.getMethod().getMethodName();
    }

    /**
     * The innermost cause's type and first message line: the deployment error, not Arquillian's wrapper. When Liberty's
     * log line is the message, only the exception it reports is kept.
     */
    private static String cause(Throwable thrown) {
        if (thrown == null) {
            return "(no cause given)";
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = root.getClass().getSimpleName() + ": "
                + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        int reported = line.indexOf(LIBERTY_REPORT);
        if (reported >= 0) {
            line = line.substring(reported + LIBERTY_REPORT.length());
        }
        Matcher names = EXCEPTION_NAMES.matcher(line);
        if (names.lookingAt()) {
            String last = names.group(1).replaceFirst("^Caused by: ", "");
            line = last.substring(last.lastIndexOf('.', last.indexOf(':')) + 1) + line.substring(names.end());
        }
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
