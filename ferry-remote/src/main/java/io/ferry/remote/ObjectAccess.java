package io.ferry.remote;

import io.ferry.remote.http.Endpoint;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;

import java.util.Map;

/** How requests for one object are made and how a server's error is read: plain HTTP(S) or S3. */
interface ObjectAccess {
    /** Where requests go, resolved once. */
    Endpoint endpoint();

    /** The object for messages, without query parameters (a presigned URL's query is a secret). */
    String describe();

    /**
     * A request head for the object. {@code query} (already encoded, or null) is added to the
     * object's own query; {@code contentLength} is -1 for a request without a body; {@code headers}
     * are added (and signed, where requests are signed).
     */
    RequestHead request(HttpMethod method, String query, long contentLength, Map<String, String> headers);

    /** {@link #request(HttpMethod, String, long, Map)} without headers of the caller's. */
    default RequestHead request(HttpMethod method, String query, long contentLength) {
        return request(method, query, contentLength, Map.of());
    }

    /**
     * The headers by which the server checks an upload's bytes (S3: their CRC32C), or none where
     * the server has no such check (a plain HTTP PUT).
     */
    default Map<String, String> uploadChecksum(SegmentsBody body) {
        return Map.of();
    }

    /** A readable account of an error response: the status and whatever the body says. */
    String describeError(int status, String reason, byte[] body);

    /**
     * Called on the posting thread before a transfer's requests go to the engine, the last
     * place where waiting is allowed: S3 renews credentials that are due here. Nothing by default.
     */
    default void prepareToPost() {
    }
}
