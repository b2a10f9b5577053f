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
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import com.nimbusds.jose.JWSObject;

import dev.tessera.it.app.RestApplication;

/**
 * Builds test WARs (and an EAR) the way a user builds theirs: the packaged Tessera jar and its two runtime
 * dependencies in WEB-INF/lib (or the EAR's lib/), application classes, and a microprofile-config.properties.
 */
public final class Deployments {

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

    /**
     * An EAR with the whole test application as its one WAR module ({@code <name>.war}), and the Tessera jar and
     * its runtime dependencies in the EAR's lib/, shared by its modules. The configuration stays in the WAR.
     */
    static EnterpriseArchive ear(String name, Map<String, String> config) {
        WebArchive module = application(ShrinkWrap.create(WebArchive.class, name + ".war"), config,
                RestApplication.class.getPackage().getName());
        return ShrinkWrap.create(EnterpriseArchive.class, name + ".ear").addAsModule(module).addAsLibraries(libraries());
    }

    /**
     * An EAR with two WAR modules of the whole test application, {@code <name>-a.war} and {@code <name>-b.war}, the
     * Tessera jar and its dependencies in lib/, and the configuration for the whole application in a jar in lib/.
     */
    static EnterpriseArchive earOfTwoModules(String name, Map<String, String> config) {
        String app = RestApplication.class.getPackage().getName();
        return ShrinkWrap.create(EnterpriseArchive.class, name + ".ear")
                .addAsModule(application(ShrinkWrap.create(WebArchive.class, name + "-a.war"), Map.of(), app))
                .addAsModule(application(ShrinkWrap.create(WebArchive.class, name + "-b.war"), Map.of(), app))
                .addAsLibraries(libraries())
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, name + "-config.jar")
                        .addAsManifestResource(new StringAsset(properties(config)), "microprofile-config.properties"));
    }

    private static WebArchive war(String name, Map<String, String> config, String appPackage) {
        return application(ShrinkWrap.create(WebArchive.class, name + ".war"), config, appPackage).addAsLibraries(libraries());
    }

    private static WebArchive application(WebArchive war, Map<String, String> config, String appPackage) {
        return war.addPackage(appPackage)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsWebInfResource("it/web.xml", "web.xml")
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
    }

    /**
     * The jars a WAR built with Maven gets from the Tessera dependency: the jar itself, Nimbus and the MicroProfile JWT
     * API. Public for the TCK harness (dev.tessera.tck), which adds them to the TCK's deployments.
     */
    public static File[] libraries() {
        return new File[] {tesseraJar(), jarOf(JWSObject.class), jarOf(JsonWebToken.class)};
    }

    /**
     * The first request after a deployment waits for the issuer's keys (discovery, then the JWKS); on a busy machine
     * that can take longer than the default {@code tessera.bearer.jwks.max-wait} of 2 s, and the test would get the
     * 503 meant for an issuer that does not answer. So the tests' applications wait up to 30 s, unless a test sets
     * the key itself; the bound is JwksKeySourceTest's subject, not theirs.
     */
    static final String PATIENT_FIRST_REQUEST = "30s";

    private static String properties(Map<String, String> given) {
        Map<String, String> config = new TreeMap<>(given);
        if (config.keySet().stream().anyMatch(key -> key.startsWith("mp.jwt.verify."))) {
            config.putIfAbsent("tessera.bearer.jwks.max-wait", PATIENT_FIRST_REQUEST);
        }
        return config.entrySet().stream()
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

    static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
