package dev.tessera.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An {@code application/x-www-form-urlencoded} body in UTF-8 (RFC 6749 Appendix B). */
record FormBody(List<Map.Entry<String, String>> fields) {

    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    FormBody {
        fields = List.copyOf(fields);
    }

    /** The encoded body, e.g. {@code grant_type=client_credentials&scope=a+b}. */
    byte[] bytes() {
        return fields.stream().map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    /** Form-url-encodes one value in UTF-8 (spaces become {@code +}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
