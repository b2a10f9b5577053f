package dev.tessera.client;

import java.util.Map;

/**
 * One request to the token endpoint, ready to post. The body carries credentials: {@link #toString()} leaves it out.
 *
 * @param headers request headers, including {@code Content-Type}
 * @param body    the request body
 */
record TokenRequest(Map<String, String> headers, byte[] body) {

    TokenRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "TokenRequest[headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
