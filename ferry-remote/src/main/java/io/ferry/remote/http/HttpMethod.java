package io.ferry.remote.http;

/** The request methods Ferry sends. */
public enum HttpMethod {
    GET, HEAD, PUT, POST, DELETE,
    /** Opens a tunnel through an HTTP proxy (RFC 9110, section 9.3.6). */
    CONNECT
}
