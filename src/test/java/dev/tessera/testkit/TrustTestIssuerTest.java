package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Which deployments the Arquillian extension makes trust the test issuer, and how; no server needed. */
class TrustTestIssuerTest {

    static final String ISSUER = "http://127.0.0.1:1234/issuer";
    static final String APP_CONFIG = "META-INF/microprofile-config.properties";
    static final String KIT_CONFIG = "/WEB-INF/lib/" + TrustTestIssuer.CONFIG_JAR;

    @Test
    void aWarThatNamesNoIssuerGetsTheTestIssuerBelowItsOwnConfiguration() {
        WebArchive war = war("some.app.setting=1\ntessera.bearer.realm=orders\n");
        TrustTestIssuer.trust(war, () -> ISSUER);
        Properties kit = kitConfig(war);
        assertThat(kit).containsEntry("mp.jwt.verify.issuer", ISSUER).containsEntry("config_ordinal", "50")
                .containsEntry("tessera.bearer.jwks.max-wait", "30s").containsEntry("tessera.bearer.http.read-timeout", "10s")
                .hasSize(4);
        assertThat(properties(war.get("/WEB-INF/classes/" + APP_CONFIG).getAsset().openStream()))
                .doesNotContainKey("mp.jwt.verify.issuer");
    }

    @Test
    void aWarWithoutAnyConfigurationGetsTheTestIssuer() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "bare.war");
        TrustTestIssuer.trust(war, () -> ISSUER);
        assertThat(kitConfig(war)).containsEntry("mp.jwt.verify.issuer", ISSUER);
    }

    @Test
    void eachTrustKeyInTheApplicationsOwnFileWins() {
        for (String key : TrustTestIssuer.TRUST_KEYS) {
            WebArchive war = war(key + "=https://login.example.com\n");
            TrustTestIssuer.trust(war, () -> {
                throw new AssertionError("the issuer must not even start for " + key);
            });
            assertThat(war.get(KIT_CONFIG)).as(key).isNull();
        }
    }

    @Test
    void anEmptyTrustKeyDoesNotCount() {
        WebArchive war = war("mp.jwt.verify.issuer=\n");
        TrustTestIssuer.trust(war, () -> ISSUER);
        assertThat(kitConfig(war)).containsEntry("mp.jwt.verify.issuer", ISSUER);
    }

    @Test
    void trustNamedInALibraryJarAddedAsAFileWins(@TempDir Path dir) {
        File jar = dir.resolve("config.jar").toFile();
        ShrinkWrap.create(JavaArchive.class, "config.jar")
                .addAsManifestResource(new StringAsset("mp.jwt.verify.publickey.location=/keys.pem\n"), "microprofile-config.properties")
                .as(ZipExporter.class).exportTo(jar);
        WebArchive war = ShrinkWrap.create(WebArchive.class, "lib.war").addAsLibraries(jar);
        TrustTestIssuer.trust(war, () -> ISSUER);
        assertThat(war.get(KIT_CONFIG)).isNull();
    }

    @Test
    void anEarWhoseLibraryNamesTheIssuerIsLeftAlone() {
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "app.ear")
                .addAsModule(ShrinkWrap.create(WebArchive.class, "a.war"))
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config.jar")
                        .addAsManifestResource(new StringAsset("tessera.bearer.issuers=https://a.example\n"), "microprofile-config.properties"));
        TrustTestIssuer.trust(ear, () -> ISSUER);
        assertThat(module(ear, "a.war").get(KIT_CONFIG)).isNull();
    }

    @Test
    void eachWarModuleOfAnUnconfiguredEarGetsTheTestIssuer() {
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "app.ear")
                .addAsModule(ShrinkWrap.create(WebArchive.class, "a.war"))
                .addAsModule(ShrinkWrap.create(WebArchive.class, "b.war"));
        TrustTestIssuer.trust(ear, () -> ISSUER);
        assertThat(kitConfig(module(ear, "a.war"))).containsEntry("mp.jwt.verify.issuer", ISSUER);
        assertThat(kitConfig(module(ear, "b.war"))).containsEntry("mp.jwt.verify.issuer", ISSUER);
    }

    @Test
    void withoutTestIssuerOnTheTestClassAndJarDeploymentsAreLeftAlone() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "plain.war");
        new TrustTestIssuer().process(war, new TestClass(Untrusting.class));
        assertThat(war.get(KIT_CONFIG)).isNull();
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, "plain.jar");
        new TrustTestIssuer().process(jar, new TestClass(TrustTestIssuerTest.class));
        assertThat(jar.getContent()).isEmpty();
    }

    @Test
    void replacingTrustEmptiesTheOtherTrustKeysAboveTheApplicationsFile() {
        WebArchive war = war("mp.jwt.verify.issuer=https://login.example.com\nmp.jwt.verify.publickey.location=/k.pem\n");
        TrustTestIssuer.replaceTrust(war, ISSUER);
        assertThat(kitConfig(war)).containsEntry("config_ordinal", "50").containsEntry("tessera.bearer.jwks.max-wait", "30s")
                .doesNotContainKey("mp.jwt.verify.issuer");
        Properties kit = config(war, "/WEB-INF/lib/" + TrustTestIssuer.TRUST_JAR);
        assertThat(kit).containsEntry("config_ordinal", "250").containsEntry("mp.jwt.verify.issuer", ISSUER)
                .containsEntry("mp.jwt.verify.publickey", "").containsEntry("mp.jwt.verify.publickey.location", "")
                .containsEntry("tessera.bearer.issuers", "");
        assertThatThrownBy(() -> TrustTestIssuer.replaceTrust(ShrinkWrap.create(JavaArchive.class, "x.jar"), ISSUER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.jar");
    }

    @WithoutTestIssuer
    static class Untrusting {
    }

    private static WebArchive war(String config) {
        return ShrinkWrap.create(WebArchive.class, "app.war").addAsResource(new StringAsset(config), APP_CONFIG);
    }

    private static WebArchive module(EnterpriseArchive ear, String name) {
        return ((ArchiveAsset) ear.get("/" + name).getAsset()).getArchive().as(WebArchive.class);
    }

    private static Properties kitConfig(Archive<?> war) {
        return config(war, KIT_CONFIG);
    }

    private static Properties config(Archive<?> war, String jarPath) {
        assertThat(war.get(jarPath)).as("%s in %s", jarPath, war.getName()).isNotNull();
        JavaArchive jar = ((ArchiveAsset) war.get(jarPath).getAsset()).getArchive().as(JavaArchive.class);
        return properties(jar.get("/" + APP_CONFIG).getAsset().openStream());
    }

    private static Properties properties(InputStream in) {
        Properties properties = new Properties();
        try (in) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
