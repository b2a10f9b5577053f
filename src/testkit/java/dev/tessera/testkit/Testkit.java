package dev.tessera.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.shrinkwrap.api.Archive;

import com.nimbusds.jose.JWSObject;

import dev.tessera.config.BearerConfig;

/**
 * The static side of the kit for Arquillian tests: the test class's issuer (the one its deployments trust), its
 * tokens, and the jars a test deployment needs for Tessera. The issuer starts on first use within a test class and
 * stops after the class; {@code @ArquillianResource TestIssuer} gives the same one.
 */
public final class Testkit {

    private static Class<?> testClass;
    private static TestIssuer issuer;

    private Testkit() {
    }

    /**
     * The running test class's issuer, started on first use (in a {@code @Deployment} method, a test, or a
     * {@code @BeforeAll} method; not in a static initializer, which runs before the class's lifecycle).
     */
    public static synchronized TestIssuer issuer() {
        if (testClass == null) {
            throw new IllegalStateException("no Arquillian test class is running: call Testkit.issuer() from a @Deployment"
                    + " method, a @BeforeAll method or a test, not from a static initializer; in plain JUnit tests use"
                    + " @ExtendWith(TestIssuerExtension.class)");
        }
        if (issuer == null) {
            issuer = TestIssuer.startManaged();
        }
        return issuer;
    }

    /** A token of the running test class's issuer: {@code Testkit.token().subject("alice").groups("reader").sign()}. */
    public static TokenBuilder token() {
        return issuer().token();
    }

    /**
     * The jars a WAR needs for Tessera, as Maven puts them into {@code WEB-INF/lib}: Tessera's own jar and its two
     * runtime dependencies (nimbus-jose-jwt, microprofile-jwt-auth-api), taken from the test class path:
     * {@code war.addAsLibraries(Testkit.libraries())}. When Tessera is a folder of classes there (an IDE, or Tessera's
     * own build before {@code package}), it is packed into a temporary jar.
     */
    public static File[] libraries() {
        return new File[] {jar(locationOf(BearerConfig.class)), locationOf(JWSObject.class), locationOf(JsonWebToken.class)};
    }

    /**
     * Makes a deployment that says whom it trusts (e.g. the application's real WAR, with its production
     * configuration) trust the running test class's issuer instead: {@code mp.jwt.verify.issuer} becomes the test
     * issuer's, and {@code mp.jwt.verify.publickey}, {@code mp.jwt.verify.publickey.location} and
     * {@code tessera.bearer.issuers} are emptied, in a configuration source above the application's own files (ordinal
     * 250) and below environment variables and system properties. Every other key of the deployment stays as it is.
     */
    public static <T extends Archive<T>> T trustTestIssuer(T deployment) {
        TrustTestIssuer.replaceTrust(deployment, issuer().issuer().toString());
        return deployment;
    }

    static synchronized void enter(Class<?> running) {
        leave();
        testClass = running;
    }

    static synchronized void leave() {
        testClass = null;
        if (issuer != null) {
            issuer.close();
            issuer = null;
        }
    }

    private static File locationOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " is loaded from", e);
        }
    }

    private static File jar(File location) {
        if (location.isFile()) {
            return location;
        }
        try {
            Path jar = Files.createTempDirectory("tessera-testkit").resolve("tessera.jar");
            Path root = location.toPath();
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            jar.toFile().deleteOnExit();
            jar.getParent().toFile().deleteOnExit();
            return jar.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + location + " into a jar", e);
        }
    }
}
