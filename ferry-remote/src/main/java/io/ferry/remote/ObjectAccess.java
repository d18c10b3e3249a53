package io.ferry.remote;

import io.ferry.remote.http.Endpoint;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/** How requests for one object are made and how a server's error is read: plain HTTP(S) or S3. */
interface ObjectAccess {
    /** Where requests go, resolved once. */
    Endpoint endpoint();

    /** The object for messages, without query parameters (a presigned URL's query is a secret). */
    String describe();

    /**
     * A request head for the object. {@code query} (already encoded, or null) is added to the
     * object's own query; {@code contentLength} is -1 for a request without a body.
     */
    HttpRequest request(HttpMethod method, String query, long contentLength);

    /** A readable account of an error response: the status and whatever the body says. */
    String describeError(int status, String reason, byte[] body);

    /**
     * Called on the posting thread before a transfer's requests go to the engine, the last
     * place where waiting is allowed: S3 renews credentials that are due here. Nothing by default.
     */
    default void prepareToPost() {
    }
}
