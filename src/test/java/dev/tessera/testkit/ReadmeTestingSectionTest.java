package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's "Testing your application" example is a test of this build, as written: its Java block is
 * com.example.orders.OrdersResourceIT without the package and import lines (run on Liberty by failsafe), the classes it
 * tests are the quick start's, and its dependency names the artifact this build attaches.
 */
class ReadmeTestingSectionTest {

    static final Path EXAMPLE = Path.of("src/test/java/com/example/orders");

    @Test
    void theJavaBlockIsTheExampleTestThatRuns() throws IOException {
        List<String> java = blocks(section("## Testing your application"), "java");
        assertThat(java).hasSize(1);
        assertThat(withoutPackageAndImports(Files.readString(EXAMPLE.resolve("OrdersResourceIT.java")))).isEqualTo(java.get(0));
    }

    @Test
    void theTestedClassesAreTheQuickStartsAsWritten() throws IOException {
        List<String> quickStart = blocks(section("## Quick start"), "java");
        assertThat(quickStart).hasSize(2);
        assertThat(withoutPackageAndImports(Files.readString(EXAMPLE.resolve("OrdersApplication.java")))).isEqualTo(quickStart.get(0));
        assertThat(withoutPackageAndImports(Files.readString(EXAMPLE.resolve("OrdersResource.java")))).isEqualTo(quickStart.get(1));
    }

    @Test
    void theDependencyIsThisBuildsTestkitJarInTestScope() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>tessera</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(blocks(section("## Testing your application"), "xml")).containsExactly("""
                <dependency>
                  <groupId>dev.tessera</groupId>
                  <artifactId>tessera</artifactId>
                  <version>%s</version>
                  <classifier>testkit</classifier>
                  <scope>test</scope>
                </dependency>
                """.formatted(version.group(1)));
        assertThat(pom).contains("<classifier>testkit</classifier>");
    }

    private static String section(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> blocks(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The source after its package and import lines (and the blank lines between them). */
    private static String withoutPackageAndImports(String source) {
        List<String> lines = new ArrayList<>(source.lines().toList());
        while (!lines.isEmpty() && (lines.get(0).isBlank() || lines.get(0).startsWith("package ") || lines.get(0).startsWith("import "))) {
            lines.remove(0);
        }
        return String.join("\n", lines) + "\n";
    }
}
