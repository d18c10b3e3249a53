package io.ferry.remote;

import io.ferry.remote.http.Endpoint;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A plain {@code http://} or {@code https://} object, such as a file on a web server or a presigned URL. */
final class HttpAccess implements ObjectAccess {
    private static final int MAX_ERROR_TEXT = 300;

    private final URI uri;
    private final Endpoint endpoint;
    private final String target;

    HttpAccess(URI uri) {
        this.uri = uri;
        this.endpoint = Endpoint.resolve(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String describe() {
        return uri.getScheme() + "://" + endpoint.origin().hostHeader() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public HttpRequest request(HttpMethod method, String query, long contentLength) {
        String withQuery = query == null ? target : target + (target.contains("?") ? "&" : "?") + query;
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, withQuery);
        request.headers().set(HttpHeaderNames.HOST, endpoint.origin().hostHeader());
        if (contentLength >= 0) {
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        return request;
    }

    @Override
    public String describeError(int status, String reason, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        return "HTTP " + status + " " + reason + (text.isEmpty() ? "" : ": " + text);
    }
}
