package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The attached {@code testkit} jar that `mvn package` built holds the kit, its Arquillian registration, and nothing else. */
class TestkitJarIT {

    @Test
    void theKitJarHoldsTheKitAndItsArquillianExtensionOnly() throws IOException {
        Path jarPath;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jarPath = files.filter(p -> p.getFileName().toString().matches("tessera-[^-]+(-SNAPSHOT)?-testkit\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("target/tessera-*-testkit.jar is missing"));
        }
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            List<String> classes = jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).contains("dev/tessera/testkit/TestIssuer.class", "dev/tessera/testkit/TokenBuilder.class",
                    "dev/tessera/testkit/TestkitArquillianExtension.class", "dev/tessera/testkit/TestIssuerExtension.class");
            assertThat(classes).allMatch(n -> n.startsWith("dev/tessera/testkit/"))
                    .noneMatch(n -> n.matches(".*(Test|IT)(\\$.*)?\\.class"));
            JarEntry services = jar.getJarEntry("META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension");
            assertThat(services).isNotNull();
            assertThat(new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo("dev.tessera.testkit.TestkitArquillianExtension");
        }
    }
}
