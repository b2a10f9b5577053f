package dev.tessera.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import com.nimbusds.jose.JWSObject;

import dev.tessera.it.app.RestApplication;

/**
 * Builds test WARs the way a user builds theirs: the packaged Tessera jar and its two runtime dependencies
 * in WEB-INF/lib, application classes, and a microprofile-config.properties.
 */
final class Deployments {

    private Deployments() {
    }

    /** A WAR with the whole test application. */
    static WebArchive war(String name, Map<String, String> config) {
        return war(name, config, RestApplication.class.getPackage().getName());
    }

    /** A WAR with only the given application classes (plus the JAX-RS application). */
    static WebArchive war(String name, Map<String, String> config, Class<?>... classes) {
        return war(name, config).deleteClasses(appClasses()).addClass(RestApplication.class).addClasses(classes);
    }

    private static Class<?>[] appClasses() {
        return new Class<?>[] {dev.tessera.it.app.CallerNames.class, dev.tessera.it.app.CallerResource.class,
                dev.tessera.it.app.OrdersResource.class, dev.tessera.it.app.PublicResource.class};
    }

    private static WebArchive war(String name, Map<String, String> config, String appPackage) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(appPackage)
                .addAsLibraries(tesseraJar(), jarOf(JWSObject.class), jarOf(JsonWebToken.class))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
    }

    private static String properties(Map<String, String> config) {
        return new TreeMap<>(config).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The jar `mvn package` just built: integration tests run against the real artifact. */
    private static File tesseraJar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("tessera-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("run 'mvn verify': target/tessera-*.jar is missing"))
                    .toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
