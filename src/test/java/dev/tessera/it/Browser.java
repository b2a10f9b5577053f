package dev.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A minimal browser for loopback tests: one cookie jar per instance (cookies are kept by host and name, for every
 * port and path, and {@code Secure} ones are sent over plain http too, as browsers do for loopback hosts, which they
 * treat as secure contexts), redirects followed step by step so that a test can stop at any of them, and trust in the test server's
 * self-signed certificate (the provider's login form demands https). The real-browser test is elsewhere.
 */
final class Browser {

    private final HttpClient client;
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    Browser() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustLoopbackServer()}, null);
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    HttpResponse<String> post(URI uri, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /**
     * Follows redirects from {@code response} (at most 10) until an answer that is no redirect, or a redirect to a
     * location {@code stop} accepts, which is returned unfollowed.
     */
    HttpResponse<String> follow(HttpResponse<String> response, Predicate<URI> stop) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 10 && isRedirect(current); i++) {
            URI next = location(current);
            if (stop.test(next)) {
                return current;
            }
            current = get(next);
        }
        return current;
    }

    /** The absolute {@code Location} of a redirect. */
    static URI location(HttpResponse<String> response) {
        return response.request().uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in HTTP " + response.statusCode())));
    }

    static boolean isRedirect(HttpResponse<String> response) {
        return response.statusCode() >= 300 && response.statusCode() < 400;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        Map<String, String> jar = cookies.computeIfAbsent(built.uri().getHost(), h -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Cookie", jar.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))).build();
        }
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(c -> remember(jar, c));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void remember(Map<String, String> jar, String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("max-age=0") || value.isEmpty() || value.equals("\"\"")) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Trusts the test server's generated certificate; used only for 127.0.0.1 in tests. */
    private static final class TrustLoopbackServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
