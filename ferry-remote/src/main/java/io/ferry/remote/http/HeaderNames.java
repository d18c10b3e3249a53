package io.ferry.remote.http;

/** Names of the HTTP headers Ferry sends or reads (RFC 9110 and 9112); compared without case. */
public final class HeaderNames {
    public static final String ACCEPT_RANGES = "Accept-Ranges";
    public static final String CONNECTION = "Connection";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_RANGE = "Content-Range";
    public static final String ETAG = "ETag";
    public static final String HOST = "Host";
    public static final String IF_MATCH = "If-Match";
    public static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";
    public static final String LAST_MODIFIED = "Last-Modified";
    public static final String LOCATION = "Location";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String RANGE = "Range";
    public static final String TRANSFER_ENCODING = "Transfer-Encoding";
    public static final String USER_AGENT = "User-Agent";

    private HeaderNames() {
    }
}
