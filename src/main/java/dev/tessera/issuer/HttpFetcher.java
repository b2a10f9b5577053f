package dev.tessera.issuer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import dev.tessera.config.FetchPolicy;

/**
 * Bounded HTTP for issuer metadata, keys and token requests: no redirects, a connect timeout, one
 * deadline for the whole response, and a size cap enforced while reading. Built once and shared;
 * thread-safe. Exception messages name the URL, never request headers or bodies. The JDK client runs on threads
 * this fetcher owns; {@link #close()} stops them and drops the client, so an undeployed application leaves no
 * {@code HttpClient-N-SelectorManager} thread behind (Java 17's client has no close; its selector ends once the
 * client is unreachable).
 */
public final class HttpFetcher implements AutoCloseable {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern DELTA_SECONDS = Pattern.compile("\"?(\\d+)\"?");
    /** RFC 9111 §1.2.2: delta-seconds beyond 2^31 are taken as 2^31. */
    private static final long MAX_DELTA_SECONDS = 2147483648L;

    private final FetchPolicy policy;
    private final ExecutorService executor;
    private volatile HttpClient client;

    /** Builds the one HTTP client this fetcher uses for all its requests. */
    public HttpFetcher(FetchPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        // JDK-default worker threads (a custom daemon factory made first requests miss a 700 ms deadline in tests);
        // idle ones end after 60 s, and close() ends them all
        this.executor = Executors.newCachedThreadPool();
        this.client = HttpClient.newBuilder()
                .connectTimeout(policy.connectTimeout())
                // a redirect could lead a fetch to a host nobody configured
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Stops this fetcher's threads and drops its HTTP client; requests in progress fail and later ones throw
     * {@link IOException}. Idempotent.
     */
    @Override
    public void close() {
        client = null;
        executor.shutdownNow();
    }

    /** The bounds this fetcher applies. */
    public FetchPolicy policy() {
        return policy;
    }

    /**
     * GETs the URL and returns whatever status came back.
     *
     * @throws IOException              when unreachable, too slow, or the body exceeds the size cap
     * @throws IllegalArgumentException when the URL is not https (or loopback http) and insecure http is not allowed
     */
    public FetchedResponse get(URI uri) throws IOException {
        requireSecure(uri, policy.allowInsecureHttp());
        return send(uri, HttpRequest.newBuilder(uri).GET().header("Accept", "application/json, */*;q=0.5"));
    }

    /**
     * POSTs the body with these headers (including {@code Content-Type}) and returns whatever status came back.
     *
     * @throws IOException              when unreachable, too slow, or the body exceeds the size cap
     * @throws IllegalArgumentException when the URL is not https (or loopback http) and insecure http is not allowed
     */
    public FetchedResponse post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
        requireSecure(uri, policy.allowInsecureHttp());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(uri, request);
    }

    /**
     * Refuses URLs that are not {@code https}, except plain {@code http} to a loopback host
     * (127.0.0.0/8, ::1, localhost) or when insecure http is explicitly allowed. No DNS lookup is made.
     *
     * @throws IllegalArgumentException naming the URL and why it is refused
     */
    public static void requireSecure(URI uri, boolean allowInsecureHttp) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' is not an absolute URL with a host");
        }
        if (scheme.equals("https") || (scheme.equals("http") && (allowInsecureHttp || isLoopback(uri.getHost())))) {
            return;
        }
        throw new IllegalArgumentException("'" + uri + "' must use https (plain http is allowed only for loopback hosts"
                + " or when insecure http is allowed)");
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches()) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            try {
                // an IPv6 literal: parsed locally, never resolved
                return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private FetchedResponse send(URI uri, HttpRequest.Builder request) throws IOException {
        // The JDK request timeout stops once headers arrive; the deadline below also covers a body that trickles.
        Duration deadline = policy.connectTimeout().plus(policy.readTimeout());
        request.timeout(deadline);
        int max = policy.maxResponseBytes();
        HttpClient client = this.client;
        if (client == null) {
            throw new IOException("cannot fetch " + uri + ": the HTTP client is closed");
        }
        CompletableFuture<HttpResponse<byte[]>> pending;
        try {
            pending =
                client.sendAsync(request.build(), info -> new BoundedBody(uri, max, info.headers().firstValueAsLong("Content-Length")));
        } catch (RejectedExecutionException e) {
            throw new IOException("cannot fetch " + uri + ": the HTTP client is closed", e);
        }
        try {
            HttpResponse<byte[]> response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new FetchedResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no complete response from " + uri + " within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ResponseTooLargeException tooLarge) {
                throw new ResponseTooLargeException(tooLarge.getMessage());
            }
            if (cause instanceof HttpTimeoutException) {
                throw new HttpTimeoutException("no complete response from " + uri + " within " + deadline.toMillis() + " ms");
            }
            throw new IOException("cannot fetch " + uri + ": " + describe(cause), cause);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** The response is larger than the configured cap and was abandoned without reading the rest. */
    public static final class ResponseTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(String message) {
            super(message);
        }
    }

    /** Collects the body, cancelling the stream as soon as it passes the size cap. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final URI uri;
        private final int max;
        private final OptionalLong declaredLength;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(URI uri, int max, OptionalLong declaredLength) {
            this.uri = uri;
            this.max = max;
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredLength.isPresent() && declaredLength.getAsLong() > max) {
                tooLarge();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (out.size() + buffer.remaining() > max) {
                    tooLarge();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        private void tooLarge() {
            subscription.cancel();
            result.completeExceptionally(new ResponseTooLargeException(
                    "response from " + uri + " is larger than the limit of " + max + " bytes"));
        }
    }

    /**
     * A complete, size-bounded response.
     *
     * @param status  the HTTP status
     * @param headers the response headers
     * @param body    the whole body
     */
    public record FetchedResponse(int status, Map<String, List<String>> headers, byte[] body) {

        public FetchedResponse {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        /** The first value of the header, compared case-insensitively. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0))
                    .findFirst();
        }

        /** The body decoded as UTF-8. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * The freshness lifetime from {@code Cache-Control} (RFC 9111 §5.2.2): {@code max-age}, or
         * {@link Duration#ZERO} for {@code no-store} / {@code no-cache}; empty when the response says nothing.
         */
        public Optional<Duration> maxAge() {
            Optional<Duration> maxAge = Optional.empty();
            for (String value : headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Cache-Control"))
                    .flatMap(e -> e.getValue().stream()).toList()) {
                for (String directive : value.split(",")) {
                    String d = directive.trim().toLowerCase(Locale.ROOT);
                    if (d.equals("no-store") || d.equals("no-cache")) {
                        return Optional.of(Duration.ZERO);
                    }
                    if (d.startsWith("max-age=") && maxAge.isEmpty()) {
                        maxAge = deltaSeconds(d.substring("max-age=".length()).trim());
                    }
                }
            }
            return maxAge;
        }

        private static Optional<Duration> deltaSeconds(String value) {
            var m = DELTA_SECONDS.matcher(value);
            if (!m.matches()) {
                return Optional.empty();
            }
            String digits = m.group(1);
            long seconds = digits.length() > 12 ? MAX_DELTA_SECONDS : Math.min(Long.parseLong(digits), MAX_DELTA_SECONDS);
            return Optional.of(Duration.ofSeconds(seconds));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FetchedResponse r && r.status == status && r.headers.equals(headers)
                    && Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, headers, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            // the body may hold a token: never print it
            return "FetchedResponse[status=" + status + ", " + body.length + " bytes]";
        }
    }
}
