package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.http.HttpUrls;

import java.net.URI;
import java.util.Locale;

/**
 * A validated S3 endpoint: http or https, a host, an optional port and an optional path prefix
 * (without a trailing slash) that every request path starts with.
 */
record S3Endpoint(String scheme, String host, int port, String pathPrefix) {

    /** Parses an endpoint URL; {@code source} names where it came from, for the error message. */
    static S3Endpoint parse(String text, String source) {
        URI uri = HttpUrls.parse(text.trim(), problem -> invalid(text, source, problem));
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(text, source, "it must not contain a query or a fragment");
        }
        String prefix = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return new S3Endpoint(scheme, uri.getHost(), uri.getPort(), prefix);
    }

    /** True when the host is an IPv4 or a bracketed IPv6 address, which no bucket name can be prefixed to. */
    boolean hostIsIpLiteral() {
        return host.startsWith("[") || isIpv4Literal(host);
    }

    boolean hostIsLocalhost() {
        return host.equalsIgnoreCase("localhost");
    }

    /** The URI of {@code encodedPath} (which starts with a slash) on this endpoint, the host prefixed by {@code hostPrefix}. */
    URI resolve(String hostPrefix, String encodedPath) {
        return URI.create(scheme + "://" + hostPrefix + host + (port < 0 ? "" : ":" + port) + pathPrefix + encodedPath);
    }

    /** The endpoint itself as a URI. */
    URI uri() {
        return resolve("", "");
    }

    /** Four dot-separated decimal numbers from 0 to 255, such as {@code 192.168.5.4}. */
    static boolean isIpv4Literal(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static FerryException invalid(String text, String source, String problem) {
        return new FerryException(ErrorCode.INVALID_ARGUMENT, "S3 endpoint '" + HttpUrls.shown(text) + "' from " + source
                + ": " + problem + " (for example https://s3.example.com:9000)");
    }
}
