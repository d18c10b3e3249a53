package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.Endpoint;
import io.ferry.remote.http.Origin;
import io.ferry.remote.http.ProxyRules;
import io.ferry.remote.http.UserAgent;
import io.ferry.remote.s3.S3Error;
import io.ferry.remote.s3.S3Xml;
import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.HttpMethod;
import io.ferry.remote.http.RequestHead;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain {@code http://} or {@code https://} object, such as a file on a web server or a presigned URL. */
final class HttpAccess implements ObjectAccess {
    private static final int MAX_ERROR_TEXT = 300;
    private static final Pattern HTML_TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final URI uri;
    private final Endpoint endpoint;
    private final String target;
    private final Map<String, String> headers;
    private final ProxyRules proxies;

    /**
     * @param headers sent with every request, after Host and User-Agent (a User-Agent here replaces ours)
     * @param proxies the proxy rules this object's origin, and the origin of a redirect, go by
     */
    HttpAccess(URI uri, Map<String, String> headers, ProxyRules proxies) {
        this.uri = uri;
        this.headers = headers;
        this.proxies = proxies;
        this.endpoint = Endpoint.resolve(uri, proxies);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * The object a redirect to {@code location} (absolute, or relative to this URL) points at.
     * The added headers follow it, but {@code Authorization} and {@code Cookie} only to the same
     * origin, as curl does: a redirect must not hand credentials to another host.
     */
    HttpAccess redirectedTo(String location) {
        URI next;
        try {
            next = uri.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new FerryException(ErrorCode.IO_ERROR, describe() + ": redirected to '" + location + "', which is not a URL");
        }
        Origin nextOrigin;
        try {
            nextOrigin = Origin.of(next);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.IO_ERROR, describe() + ": redirected to " + location + ", which Ferry cannot "
                    + "follow: " + e.getMessage());
        }
        if (nextOrigin.equals(endpoint.origin())) {
            return new HttpAccess(next, headers, proxies);
        }
        Map<String, String> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie"));
        return new HttpAccess(next, Map.copyOf(kept), proxies);
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
    public RequestHead request(HttpMethod method, String query, long contentLength, Map<String, String> extra) {
        String withQuery = query == null ? target : target + (target.contains("?") ? "&" : "?") + query;
        RequestHead request = new RequestHead(method, withQuery);
        request.headers().set(HeaderNames.HOST, endpoint.origin().hostHeader());
        request.headers().set(HeaderNames.USER_AGENT, UserAgent.VALUE);
        headers.forEach(request.headers()::set);
        extra.forEach(request.headers()::set);
        if (contentLength >= 0) {
            request.headers().set(HeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
        }
        return request;
    }

    @Override
    public String describeError(int status, String reason, byte[] body) {
        return errorText(status, reason, body);
    }

    /**
     * The status and the body's message: an S3 error document (presigned URLs and S3 behind a
     * proxy answer with one) by its code and message, any other body as text without markup.
     */
    static String errorText(int status, String reason, byte[] body) {
        Optional<S3Error> s3 = S3Xml.parseError(body);
        if (s3.isPresent()) {
            return "HTTP " + status + " " + reason + ": " + s3.get().describe();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher title = HTML_TITLE.matcher(text);
        // An HTML error page says it in its title; its body repeats it around the server's name.
        text = (title.find() ? title.group(1) : text).replaceAll("<[^>]*>", " ").strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        boolean saysNothingNew = text.isEmpty() || text.equals(status + " " + reason);
        return "HTTP " + status + " " + reason + (saysNothingNew ? "" : ": " + text);
    }
}
