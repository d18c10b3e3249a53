package io.ferry.remote.http;

/** The request methods Ferry sends. */
public enum HttpMethod {
    GET, HEAD, PUT, POST, DELETE
}
