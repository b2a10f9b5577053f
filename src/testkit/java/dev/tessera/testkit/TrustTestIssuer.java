package dev.tessera.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.tessera.config.BearerConfig;

/**
 * Makes a deployment trust the test issuer, unless it says whom it trusts. When none of the archive's MicroProfile
 * Config files (in {@code WEB-INF/classes}, in its jars, in an EAR's modules and libraries) names an issuer or keys,
 * each WAR gets a jar whose {@code META-INF/microprofile-config.properties} sets {@code mp.jwt.verify.issuer} to the
 * test issuer (and {@code tessera.bearer.jwks.max-wait}, see {@link #DEFAULTS}), with ordinal {@value #ORDINAL}: below the application's own files (100), environment variables (300)
 * and system properties (400), so that configuration from anywhere else still wins. The server finds the issuer's
 * keys by discovery, over loopback: the server must run on the machine of the test JVM (a managed or embedded
 * container). {@link WithoutTestIssuer} on the test class leaves its deployments alone.
 */
public final class TrustTestIssuer implements ApplicationArchiveProcessor {

    /** The ordinal of the kit's configuration; the lowest of MicroProfile Config's default sources is 100. */
    static final int ORDINAL = 50;
    /** The ordinal of {@link Testkit#trustTestIssuer}: above the application's files (100), below the environment (300). */
    static final int REPLACING_ORDINAL = 250;
    /** The keys by which a deployment says whom it trusts. */
    static final Set<String> TRUST_KEYS = Set.of(BearerConfig.ISSUER, BearerConfig.PUBLIC_KEY, BearerConfig.PUBLIC_KEY_LOCATION,
            BearerConfig.ISSUERS);
    static final String CONFIG_JAR = "tessera-testkit-config.jar";
    static final String TRUST_JAR = "tessera-testkit-trust.jar";
    /**
     * The kit's other defaults, at the same low ordinal: on a busy test machine the first request waits up to 30 s for
     * the issuer's keys (instead of Tessera's 2 s, after which it answers 503), and a key fetch may take 10 s to answer
     * (instead of 3 s); an issuer that is down still gets 503 at once.
     */
    static final String DEFAULTS = BearerConfig.JWKS_MAX_WAIT + "=30s\ntessera.bearer.http.read-timeout=10s\n";
    private static final String CONFIG_FILE = "microprofile-config.properties";

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (testClass.isAnnotationPresent(WithoutTestIssuer.class) || webArchives(archive).isEmpty()) {
            return;
        }
        trust(archive, () -> Testkit.issuer().issuer().toString());
    }

    /** Adds the trust of this issuer to each WAR of the archive, unless the archive configures trust itself. */
    static void trust(Archive<?> archive, Supplier<String> issuer) {
        if (!configuresTrust(archive)) {
            addConfig(archive, CONFIG_JAR, ORDINAL, BearerConfig.ISSUER + "=" + issuer.get() + "\n" + DEFAULTS);
        }
    }

    /**
     * Makes each WAR of the archive trust this issuer in place of the issuers and keys its configuration names: the
     * trust keys in a source of ordinal {@value #REPLACING_ORDINAL}, above the application's files, the other trust
     * keys empty (MicroProfile Config reads an empty value as no value). The rest of the configuration stays.
     */
    static void replaceTrust(Archive<?> archive, String issuer) {
        StringBuilder properties = new StringBuilder(BearerConfig.ISSUER + "=" + issuer + "\n");
        TRUST_KEYS.stream().filter(key -> !key.equals(BearerConfig.ISSUER)).sorted()
                .forEach(key -> properties.append(key).append("=\n"));
        addConfig(archive, TRUST_JAR, REPLACING_ORDINAL, properties.toString());
        addConfig(archive, CONFIG_JAR, ORDINAL, DEFAULTS);
    }

    private static void addConfig(Archive<?> archive, String jarName, int ordinal, String properties) {
        List<WebArchive> wars = webArchives(archive);
        if (wars.isEmpty()) {
            throw new IllegalArgumentException(archive.getName() + " is neither a WAR nor an EAR with WAR modules");
        }
        for (WebArchive war : wars) {
            war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, jarName)
                    .addAsManifestResource(new StringAsset("config_ordinal=" + ordinal + "\n" + properties), CONFIG_FILE));
        }
    }

    private static List<WebArchive> webArchives(Archive<?> archive) {
        List<WebArchive> wars = new ArrayList<>();
        if (archive instanceof WebArchive war) {
            wars.add(war);
        } else if (archive instanceof EnterpriseArchive ear) {
            for (Map.Entry<ArchivePath, Node> entry : ear.getContent(path -> path.get().endsWith(".war")).entrySet()) {
                if (entry.getValue().getAsset() instanceof ArchiveAsset nested) {
                    wars.add(nested.getArchive().as(WebArchive.class));
                }
            }
        }
        return wars;
    }

    /** Whether any MicroProfile Config file in the archive or in an archive inside it names a trust key. */
    static boolean configuresTrust(Archive<?> archive) {
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            String path = entry.getKey().get();
            Asset asset = entry.getValue().getAsset();
            if (asset == null) {
                continue;
            }
            if (path.endsWith("/META-INF/" + CONFIG_FILE) && namesTrust(asset)) {
                return true;
            }
            if ((path.endsWith(".jar") || path.endsWith(".war")) && configuresTrust(nested(asset))) {
                return true;
            }
        }
        return false;
    }

    private static Archive<?> nested(Asset asset) {
        if (asset instanceof ArchiveAsset archiveAsset) {
            return archiveAsset.getArchive();
        }
        try (InputStream in = asset.openStream()) {
            return ShrinkWrap.create(ZipImporter.class).importFrom(in).as(JavaArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean namesTrust(Asset asset) {
        Properties properties = new Properties();
        try (InputStream in = asset.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TRUST_KEYS.stream().anyMatch(key -> !properties.getProperty(key, "").isBlank());
    }
}
