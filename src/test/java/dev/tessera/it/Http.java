package dev.tessera.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for calling deployed applications from the test JVM. */
final class Http {

    /**
     * HTTP/1.1, as curl and most clients speak it: the JDK client's default h2c upgrade makes Liberty keep each upgraded
     * connection with a reference to its web application, which would hold an undeployed application in memory for
     * as long as the test JVM keeps the idle connection (RedeployIT counts those applications).
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(URL base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    static HttpResponse<String> get(URL base, String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
