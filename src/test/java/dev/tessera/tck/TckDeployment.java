package dev.tessera.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.tessera.it.Deployments;
import dev.tessera.mechanism.BearerAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;

/**
 * Turns a MicroProfile JWT TCK deployment into what a user of the runtime under test deploys: with Tessera, the
 * packaged jar and its runtime dependencies in WEB-INF/lib; with Liberty's mpJwt feature, nothing added. In both, the
 * deployment's MicroProfile Config moves to where Liberty reads it. On Payara, a Tessera deployment also names
 * Tessera's mechanism as the one Payara's Soteria calls (see {@link #PAYARA_MECHANISM}). Leaves every other deployment
 * (Tessera's own ITs) alone. The TCK itself is not changed.
 */
public final class TckDeployment implements ApplicationArchiveProcessor {

    /** The system property naming the runtime under test: {@code tessera} (default) or {@code mpjwt}. */
    static final String RUNTIME = "tck.runtime";

    private static final Logger LOG = Logger.getLogger(TckDeployment.class.getName());
    private static final String TCK_PACKAGE = "org.eclipse.microprofile.jwt.tck.";
    private static final String CONFIG = "META-INF/microprofile-config.properties";
    private static final String LOCATION = "mp.jwt.verify.publickey.location";
    /** The TCK's own default for {@code mp.jwt.tck.jwks.baseURL}. */
    private static final String TCK_BASE_URL = "http://localhost:8080/";
    /**
     * The servlet context parameter by which Payara's Soteria ({@code HttpBridgeServerAuthModule.getMechanismName})
     * picks the mechanism bean it calls. The TCK's {@code @LoginConfig(authMethod = "MP-JWT")} makes Payara add its own
     * {@code JWTAuthenticationMechanism} bean beside Tessera's, and without the parameter Soteria asks CDI for the one
     * {@code HttpAuthenticationMechanism}, which is then ambiguous. This is what a user of Tessera on Payara whose
     * application has {@code @LoginConfig} writes in web.xml (docs/servers.md).
     */
    private static final String PAYARA_MECHANISM = "fish.payara.security.mechanism";
    private static final String CLASSES = "/WEB-INF/classes/";

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (!testClass.getName().startsWith(TCK_PACKAGE) || !(archive instanceof WebArchive war)) {
            return;
        }
        Properties config = config(war);
        if (!"mpjwt".equals(System.getProperty(RUNTIME, "tessera"))) {
            war.addAsLibraries(Deployments.libraries());
            if ("payara".equals(System.getProperty("tessera.it.server"))) {
                payaraWebXml(war);
            }
            if (testClass.getName().endsWith(".RsaKeySignatureTest")) {
                // this test alone signs with a 1024-bit RSA key, below RFC 7518 §3.3's 2048: Tessera's explicit opt-in
                config.setProperty("tessera.bearer.rsa.min-key-bits", "1024");
            }
        }
        war.addAsResource(new StringAsset(text(config)), CONFIG);
        LOG.fine(() -> "TCK deployment " + war.getName() + " prepared for " + System.getProperty(RUNTIME, "tessera"));
    }

    /**
     * What a Tessera user on Payara writes in web.xml (docs/servers.md), the TCK's deployments bringing none: Tessera's
     * mechanism named for Payara's Soteria, and the roles of the deployment's {@code @RolesAllowed} declared. Payara
     * grants only declared roles; its own MP-JWT declares them for a {@code @LoginConfig} application, but not in the
     * deployments with an EJB (EjbTest, ServletTest, SubjectTest: no "Initializing MP-JWT" in server.log), where every
     * call got 403.
     */
    private static void payaraWebXml(WebArchive war) {
        if (war.contains("/WEB-INF/web.xml")) {
            throw new IllegalStateException(war.getName() + " brings a web.xml of its own: add Tessera's lines to it");
        }
        StringBuilder roles = new StringBuilder();
        rolesAllowed(war).forEach(role -> roles.append("    <security-role><role-name>").append(role)
                .append("</role-name></security-role>\n"));
        war.addAsWebInfResource(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <context-param>
                        <param-name>%s</param-name>
                        <param-value>%s</param-value>
                    </context-param>
                %s</web-app>
                """.formatted(PAYARA_MECHANISM, BearerAuthenticationMechanism.class.getName(), roles)), "web.xml");
    }

    /** The roles named by {@code @RolesAllowed} on the deployment's classes and their methods. */
    private static Set<String> rolesAllowed(WebArchive war) {
        Set<String> roles = new TreeSet<>();
        for (ArchivePath path : war.getContent().keySet()) {
            String name = path.get();
            if (name.startsWith(CLASSES) && name.endsWith(".class")) {
                Class<?> type = load(name.substring(CLASSES.length(), name.length() - ".class".length()).replace('/', '.'));
                Stream.concat(Stream.of(type), Stream.of(type.getDeclaredMethods()))
                        .map(element -> element.getAnnotation(RolesAllowed.class)).filter(Objects::nonNull)
                        .forEach(allowed -> roles.addAll(List.of(allowed.value())));
            }
        }
        return roles;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TckDeployment.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a class of the TCK deployment is not on the test class path: " + name, e);
        }
    }

    /**
     * The deployment's configuration. The TCK adds it with addAsManifestResource, at the WAR's root META-INF/, which
     * is not on the application's class path; MP-JWT 1.0-era deployments bring none, and the TCK's README asks the
     * harness for the public key and issuer their tokens are made with.
     */
    private static Properties config(WebArchive war) {
        Properties config = new Properties();
        Node node = war.get("/" + CONFIG);
        if (node == null) {
            node = war.get("/WEB-INF/classes/" + CONFIG);
        }
        if (node == null || node.getAsset() == null) {
            config.setProperty(LOCATION, "/publicKey.pem");
            config.setProperty("mp.jwt.verify.issuer", "https://server.example.com");
            return config;
        }
        try (InputStream in = node.getAsset().openStream()) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String location = config.getProperty(LOCATION);
        if (location != null) {
            config.setProperty(LOCATION, atContextRoot(location, war));
        }
        return config;
    }

    /**
     * Key-location URL tests point at an endpoint of their own deployment, assuming it is the root application
     * ({@code mp.jwt.tck.jwks.baseURL}); Liberty deploys each WAR at the context root of its name.
     */
    private static String atContextRoot(String location, WebArchive war) {
        String base = System.getProperty("mp.jwt.tck.jwks.baseURL", TCK_BASE_URL);
        if (!location.startsWith(base)) {
            return location;
        }
        String contextRoot = war.getName().replaceFirst("\\.war$", "");
        return base + contextRoot + "/" + location.substring(base.length());
    }

    private static String text(Properties config) {
        StringWriter out = new StringWriter();
        try {
            config.store(out, "prepared by dev.tessera.tck.TckDeployment");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
