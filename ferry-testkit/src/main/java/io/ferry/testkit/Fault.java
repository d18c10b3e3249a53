package io.ferry.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link FaultyHttpServer} does instead of answering a request normally. Immutable; the
 * factories describe the fault, {@link #on(String)} and {@link #onPath(String)} limit it to some
 * requests, and a {@link FaultScript} decides when it applies.
 *
 * <p>The body faults ({@code *AfterBodyBytes}) send the normal status and headers, with a
 * {@code Content-Length} that promises the whole body, then only the first bytes of the body.
 */
public final class Fault {
    enum Kind {
        STATUS,
        CLOSE_BEFORE_RESPONSE,
        STALL_BEFORE_RESPONSE,
        RESET_AFTER_BODY_BYTES,
        STALL_AFTER_BODY_BYTES,
        TRUNCATE_AFTER_BODY_BYTES,
        WRONG_CONTENT_RANGE,
        IGNORE_RANGE
    }

    private static final String ANY = null;

    private final Kind kind;
    private final Response response;
    private final long bodyBytes;
    private final String method;
    private final String path;

    private Fault(Kind kind, Response response, long bodyBytes, String method, String path) {
        this.kind = kind;
        this.response = response;
        this.bodyBytes = bodyBytes;
        this.method = method;
        this.path = path;
    }

    /** Answers this status with its usual reason and a short text body; the connection stays open. */
    public static Fault status(int status) {
        return status(status, Response.reasonOf(status));
    }

    /** Answers this status and reason (for example {@code 503, "Slow Down"}) with the reason as a text body. */
    public static Fault status(int status, String reason) {
        return new Fault(Kind.STATUS, Response.text(status, reason, reason + "\n"), 0, ANY, ANY);
    }

    /** HEAD answers 403, as for a presigned GET URL; other methods are unaffected. */
    public static Fault headForbidden() {
        return status(403).on("HEAD");
    }

    /** Reads the request, then closes the connection without answering. */
    public static Fault closeBeforeResponse() {
        return new Fault(Kind.CLOSE_BEFORE_RESPONSE, null, 0, ANY, ANY);
    }

    /** Reads the request, then sends nothing, keeping the connection open until the client or the server closes it. */
    public static Fault stallBeforeResponse() {
        return new Fault(Kind.STALL_BEFORE_RESPONSE, null, 0, ANY, ANY);
    }

    /** Sends the head and {@code bytes} bytes of the body, then resets the connection (RST). */
    public static Fault resetAfterBodyBytes(long bytes) {
        return new Fault(Kind.RESET_AFTER_BODY_BYTES, null, requireNonNegative(bytes), ANY, ANY);
    }

    /** Sends the head and {@code bytes} bytes of the body, then nothing more, keeping the connection open. */
    public static Fault stallAfterBodyBytes(long bytes) {
        return new Fault(Kind.STALL_AFTER_BODY_BYTES, null, requireNonNegative(bytes), ANY, ANY);
    }

    /** Sends the head and {@code bytes} bytes of the body, then closes the connection cleanly (FIN). */
    public static Fault truncateAfterBodyBytes(long bytes) {
        return new Fault(Kind.TRUNCATE_AFTER_BODY_BYTES, null, requireNonNegative(bytes), ANY, ANY);
    }

    /**
     * Answers 206 with a range other than the one asked: as many bytes one byte later (one byte
     * earlier at the end of the object), and the whole object less its first byte when no range
     * was asked. The bytes sent are those the {@code Content-Range} names. Needs objects of two bytes or more.
     */
    public static Fault wrongContentRange() {
        return new Fault(Kind.WRONG_CONTENT_RANGE, null, 0, ANY, ANY);
    }

    /** Answers 200 with the whole object although a range was asked. */
    public static Fault ignoreRange() {
        return new Fault(Kind.IGNORE_RANGE, null, 0, ANY, ANY);
    }

    /** This status fault with another body and content type, for example an S3 XML error. */
    public Fault withBody(String contentType, String body) {
        Response replaced = requireStatus().withBody(contentType, body.getBytes(StandardCharsets.UTF_8));
        return new Fault(kind, replaced, bodyBytes, method, path);
    }

    /** This status fault with one more header, for example {@code Retry-After}. */
    public Fault withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(requireStatus().headers());
        headers.put(name, value);
        return new Fault(kind, requireStatus().withHeaders(headers), bodyBytes, method, path);
    }

    /** This fault, applied only to requests with this method ({@code "GET"}, {@code "HEAD"}, {@code "PUT"}, ...). */
    public Fault on(String method) {
        return new Fault(kind, response, bodyBytes, method, path);
    }

    /** This fault, applied only to requests with this method and path (compared as sent, without the query). */
    public Fault on(String method, String path) {
        return new Fault(kind, response, bodyBytes, method, path);
    }

    /** This fault, applied only to requests for this path (compared as sent, without the query). */
    public Fault onPath(String path) {
        return new Fault(kind, response, bodyBytes, method, path);
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (path == null || path.equals(requestPath));
    }

    Kind kind() {
        return kind;
    }

    /** The answer of a {@link Kind#STATUS} fault. */
    Response response() {
        return response;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    @Override
    public String toString() {
        return kind + (response != null ? " " + response.status() : "") + (bodyBytes > 0 ? " after " + bodyBytes + " bytes" : "")
                + (method != null ? " on " + method : "") + (path != null ? " " + path : "");
    }

    private Response requireStatus() {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("only a status fault has a body and headers: " + this);
        }
        return response;
    }

    private static long requireNonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count: " + bytes);
        }
        return bytes;
    }
}
