package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tessera.testkit.TestIssuer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Application;

/**
 * The README's quick start works on the first try: its Java code, its {@code microprofile-config.properties} and its
 * {@code server.xml}, taken from README.md as written, become a WAR and a Liberty server of their own. Only what a
 * user changes too is changed: the issuer (the in-process test issuer instead of login.example.com), the ports (free
 * ones, on loopback), and the imports an IDE adds to the two classes. Then the answers the README promises: no token
 * 401, a token with the role 200, a token without it 403, a token for another audience 401.
 */
class QuickStartIT {

    static final TestIssuer ISSUER = TestIssuer.start();
    static final String IMPORTS = """
            import jakarta.annotation.security.RolesAllowed;
            import jakarta.enterprise.context.RequestScoped;
            import jakarta.inject.Inject;
            import jakarta.ws.rs.ApplicationPath;
            import jakarta.ws.rs.GET;
            import jakarta.ws.rs.Path;
            import jakarta.ws.rs.core.Application;
            import org.eclipse.microprofile.jwt.JsonWebToken;
            """;

    static Path wlp;
    static String server;
    static URL base;

    @BeforeAll
    static void buildAndStartTheQuickStart() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String quickStart = readme.substring(readme.indexOf("## Quick start"), readme.indexOf("## Configuration"));
        wlp = Path.of(System.getProperty("wlp.home"));
        server = "tessera-" + System.getProperty("liberty.http.port") + "-quickstart";
        int port = TestIssuer.freePort();
        base = new URL("http://127.0.0.1:" + port + "/orders/");

        Path work = Files.createDirectories(Path.of("target", "quickstart"));
        Path classes = compile(blocks(quickStart, "java"), work);
        String properties = blocks(quickStart, "properties").get(0)
                .replace("https://login.example.com/realms/acme", ISSUER.issuer().toString());
        WebArchive war = ShrinkWrap.create(WebArchive.class, "orders.war")
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                .addAsLibraries(Deployments.libraries());
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f ->
                    war.addAsWebInfResource(f.toFile(), "classes/" + classes.relativize(f)));
        }

        stop();
        deleteTree(wlp.resolve("usr/servers").resolve(server));
        run("create", server);
        Path serverDir = wlp.resolve("usr/servers").resolve(server);
        String serverXml = blocks(quickStart, "xml").stream().filter(b -> b.startsWith("<server>")).findFirst().orElseThrow()
                .replace("host=\"*\"", "host=\"127.0.0.1\"")
                .replace("httpPort=\"9080\"", "httpPort=\"" + port + "\"")
                .replace("httpsPort=\"9443\"", "httpsPort=\"-1\"");
        Files.writeString(serverDir.resolve("server.xml"), serverXml);
        war.as(ZipExporter.class).exportTo(Files.createDirectories(serverDir.resolve("apps")).resolve("orders.war").toFile(), true);
        run("start", server);
        awaitTheApplication();
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        try {
            stop();
        } finally {
            ISSUER.close();
        }
    }

    @Test
    void noTokenGets401WithABearerChallenge() {
        HttpResponse<String> response = Http.get(base, "api/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aTokenWithTheRealmRoleGets200() {
        HttpResponse<String> response = Http.get(base, "api/orders", token("orders-api", "orders-reader"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
    }

    @Test
    void aGoodTokenWithoutTheRoleGets403() {
        assertThat(Http.get(base, "api/orders", token("orders-api", "billing-reader")).statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenForAnotherAudienceGets401() {
        assertThat(Http.get(base, "api/orders", token("billing-api", "orders-reader")).statusCode()).isEqualTo(401);
    }

    private static String token(String audience, String role) {
        return ISSUER.sign(ISSUER.claims().subject("alice").audience(audience)
                .claim("realm_access", Map.of("roles", List.of(role))).build());
    }

    /** The bodies of the README's fenced blocks of this language, in order. */
    static List<String> blocks(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("```%s blocks in the quick start", language).isNotEmpty();
        return blocks;
    }

    private static Path compile(List<String> sources, Path work) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (String source : sources) {
            Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
            assertThat(name.find()).as("a public class in %s", source).isTrue();
            Path file = src.resolve(name.group(1) + ".java");
            Files.writeString(file, IMPORTS + source);
            files.add(file.toString());
        }
        String classPath = Stream.of(RolesAllowed.class, RequestScoped.class, Inject.class, GET.class, Application.class,
                JsonWebToken.class).map(Deployments::jarOf).map(File::toString).distinct()
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-classpath", classPath, "-d", classes.toString()));
        arguments.addAll(files);
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac of the quick start").isZero();
        return classes;
    }

    private static void awaitTheApplication() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Http.get(base, "api/orders").statusCode() == 401) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused while the server starts
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the quick-start application did not answer 401 within 3 minutes; see "
                + wlp.resolve("usr/servers").resolve(server).resolve("logs/messages.log"));
    }

    private static void stop() throws IOException, InterruptedException {
        if (LeftoverServers.isRunning(wlp.toString(), server)) {
            run("stop", server);
        }
    }

    private static void run(String command, String name) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), command, name).inheritIO().start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("server " + command + " " + name + " did not finish in 5 minutes");
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
