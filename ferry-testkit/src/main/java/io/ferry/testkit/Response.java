package io.ferry.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the {@link FaultyHttpServer}: status, headers other than {@code Content-Length},
 * {@code Transfer-Encoding} and {@code Connection} (the writer adds those), the body as a slice of
 * an array, and the {@code Content-Length} to announce: the body's length, another length (the
 * answer to a HEAD), or {@value #UNKNOWN_LENGTH} to send the body chunked, without one.
 */
record Response(int status, String reason, Map<String, String> headers, byte[] body, int offset, int length,
                long contentLength) {
    /** The {@link #contentLength} of a body sent in chunked transfer coding. */
    static final long UNKNOWN_LENGTH = -1;

    private static final byte[] EMPTY = new byte[0];

    Response(int status, String reason, Map<String, String> headers, byte[] body, int offset, int length) {
        this(status, reason, headers, body, offset, length, length);
    }

    static Response text(int status, String reason, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Response(status, reason, Map.of("Content-Type", "text/plain; charset=utf-8"), bytes, 0, bytes.length);
    }

    /** A whole answer with a body of {@code contentType}, such as a JSON or XML document. */
    static Response typed(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Response(status, reasonOf(status), Map.of("Content-Type", contentType), bytes, 0, bytes.length);
    }

    static Response empty(int status, Map<String, String> headers) {
        return new Response(status, reasonOf(status), headers, EMPTY, 0, 0);
    }

    /** The answer to a HEAD: no body, and the length the body of a GET would have (or {@value #UNKNOWN_LENGTH}). */
    static Response headOnly(int status, Map<String, String> headers, long contentLength) {
        return new Response(status, reasonOf(status), headers, EMPTY, 0, 0, contentLength);
    }

    Response withBody(String contentType, byte[] newBody) {
        Map<String, String> replaced = new LinkedHashMap<>(headers);
        replaced.put("Content-Type", contentType);
        return new Response(status, reason, replaced, newBody, 0, newBody.length);
    }

    Response withHeaders(Map<String, String> newHeaders) {
        return new Response(status, reason, newHeaders, body, offset, length, contentLength);
    }

    /** This answer with its body sent chunked, without a {@code Content-Length}. */
    Response withUnknownLength() {
        return new Response(status, reason, headers, body, offset, length, UNKNOWN_LENGTH);
    }

    boolean isChunked() {
        return contentLength == UNKNOWN_LENGTH;
    }

    static String reasonOf(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 412 -> "Precondition Failed";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}
