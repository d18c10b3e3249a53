package io.ferry.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

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
        STATUS_BEFORE_BODY,
        CLOSE_BEFORE_RESPONSE,
        STALL_BEFORE_RESPONSE,
        RESET_AFTER_BODY_BYTES,
        STALL_AFTER_BODY_BYTES,
        TRUNCATE_AFTER_BODY_BYTES,
        WRONG_CONTENT_RANGE,
        IGNORE_RANGE,
        IGNORE_RANGE_WITHOUT_LENGTH,
        HOLD
    }

    private static final String ANY = null;

    private final Kind kind;
    private final Response response;
    private final long bodyBytes;
    private final CountDownLatch release;
    private final String method;
    private final String path;
    private final boolean reusedConnectionsOnly;

    private Fault(Kind kind, Response response, long bodyBytes, CountDownLatch release, String method, String path,
                  boolean reusedConnectionsOnly) {
        this.kind = kind;
        this.response = response;
        this.bodyBytes = bodyBytes;
        this.release = release;
        this.method = method;
        this.path = path;
        this.reusedConnectionsOnly = reusedConnectionsOnly;
    }

    private Fault(Kind kind, Response response, long bodyBytes) {
        this(kind, response, bodyBytes, null, ANY, ANY, false);
    }

    /** Answers this status with its usual reason and a short text body; the connection stays open. */
    public static Fault status(int status) {
        return status(status, Response.reasonOf(status));
    }

    /** Answers this status and reason (for example {@code 503, "Slow Down"}) with the reason as a text body. */
    public static Fault status(int status, String reason) {
        return new Fault(Kind.STATUS, Response.text(status, reason, reason + "\n"), 0);
    }

    /**
     * Answers this status as soon as the request's head is read, then closes the connection with the
     * request's body unread, which resets it (RST), as Python's http.server refusing a PUT does and as
     * servers refusing an upload too large may.
     */
    public static Fault statusBeforeBody(int status) {
        return new Fault(Kind.STATUS_BEFORE_BODY, Response.text(status, Response.reasonOf(status), Response.reasonOf(status) + "\n"), 0);
    }

    /** HEAD answers 403, as for a presigned GET URL; other methods are unaffected. */
    public static Fault headForbidden() {
        return status(403).on("HEAD");
    }

    /** Reads the request, then closes the connection without answering. */
    public static Fault closeBeforeResponse() {
        return new Fault(Kind.CLOSE_BEFORE_RESPONSE, null, 0);
    }

    /** Reads the request, then sends nothing, keeping the connection open until the client or the server closes it. */
    public static Fault stallBeforeResponse() {
        return new Fault(Kind.STALL_BEFORE_RESPONSE, null, 0);
    }

    /** Sends the head and {@code bytes} bytes of the body, then resets the connection (RST). */
    public static Fault resetAfterBodyBytes(long bytes) {
        return new Fault(Kind.RESET_AFTER_BODY_BYTES, null, requireNonNegative(bytes));
    }

    /** Sends the head and {@code bytes} bytes of the body, then nothing more, keeping the connection open. */
    public static Fault stallAfterBodyBytes(long bytes) {
        return new Fault(Kind.STALL_AFTER_BODY_BYTES, null, requireNonNegative(bytes));
    }

    /** Sends the head and {@code bytes} bytes of the body, then closes the connection cleanly (FIN). */
    public static Fault truncateAfterBodyBytes(long bytes) {
        return new Fault(Kind.TRUNCATE_AFTER_BODY_BYTES, null, requireNonNegative(bytes));
    }

    /**
     * Answers 206 with a range other than the one asked: as many bytes one byte later (one byte
     * earlier at the end of the object), and the whole object less its first byte when no range
     * was asked. The bytes sent are those the {@code Content-Range} names. Needs objects of two bytes or more.
     */
    public static Fault wrongContentRange() {
        return new Fault(Kind.WRONG_CONTENT_RANGE, null, 0);
    }

    /** Answers 200 with the whole object although a range was asked. */
    public static Fault ignoreRange() {
        return new Fault(Kind.IGNORE_RANGE, null, 0);
    }

    /**
     * Answers 200 with the whole object although a range was asked, its body in chunked transfer
     * coding without a {@code Content-Length}, as servers of generated content do; a HEAD gets
     * no {@code Content-Length} either.
     */
    public static Fault ignoreRangeWithoutLength() {
        return new Fault(Kind.IGNORE_RANGE_WITHOUT_LENGTH, null, 0);
    }

    /**
     * Reads the request, waits until {@code release} reaches zero, then answers normally, with the
     * object as it is then: a request held while the test changes the object (a server that
     * stalls one range while the object is replaced). Closing the server ends the wait.
     */
    public static Fault holdUntil(CountDownLatch release) {
        return new Fault(Kind.HOLD, null, 0, Objects.requireNonNull(release, "release"), ANY, ANY, false);
    }

    /**
     * Closes a kept-alive connection when its next request arrives, without answering, as a server
     * does whose keep-alive timeout ran out just then: {@link #closeBeforeResponse()} for requests
     * that are not the first on their connection.
     */
    public static Fault keepAliveExpired() {
        return closeBeforeResponse().onReusedConnection();
    }

    /** This status fault with another body and content type, for example an S3 XML error. */
    public Fault withBody(String contentType, String body) {
        Response replaced = requireStatus().withBody(contentType, body.getBytes(StandardCharsets.UTF_8));
        return new Fault(kind, replaced, bodyBytes, release, method, path, reusedConnectionsOnly);
    }

    /** This status fault with one more header, for example {@code Retry-After}. */
    public Fault withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(requireStatus().headers());
        headers.put(name, value);
        return new Fault(kind, requireStatus().withHeaders(headers), bodyBytes, release, method, path, reusedConnectionsOnly);
    }

    /** This fault, applied only to requests with this method ({@code "GET"}, {@code "HEAD"}, {@code "PUT"}, ...). */
    public Fault on(String method) {
        return new Fault(kind, response, bodyBytes, release, method, path, reusedConnectionsOnly);
    }

    /** This fault, applied only to requests with this method and path (compared as sent, without the query). */
    public Fault on(String method, String path) {
        return new Fault(kind, response, bodyBytes, release, method, path, reusedConnectionsOnly);
    }

    /** This fault, applied only to requests for this path (compared as sent, without the query). */
    public Fault onPath(String path) {
        return new Fault(kind, response, bodyBytes, release, method, path, reusedConnectionsOnly);
    }

    /** This fault, applied only to requests that are not the first on their connection (a kept-alive one). */
    public Fault onReusedConnection() {
        return new Fault(kind, response, bodyBytes, release, method, path, true);
    }

    boolean matches(String requestMethod, String requestPath, boolean reusedConnection) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (path == null || path.equals(requestPath))
                && (reusedConnection || !reusedConnectionsOnly);
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

    /** Waits until a {@link Kind#HOLD} fault is released. */
    void awaitRelease() throws InterruptedException {
        release.await();
    }

    @Override
    public String toString() {
        return kind + (response != null ? " " + response.status() : "") + (bodyBytes > 0 ? " after " + bodyBytes + " bytes" : "")
                + (method != null ? " on " + method : "") + (path != null ? " " + path : "")
                + (reusedConnectionsOnly ? " on reused connections" : "");
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
