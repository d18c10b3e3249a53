package io.ferry.remote;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

/** A {@code Content-Range: bytes first-last/total} header; {@code total} is -1 when the server sent {@code *}. */
record ContentRange(long first, long last, long total) {
    /** The parsed header, or null when it is missing or malformed. */
    static ContentRange parse(String header) {
        if (header == null || !header.startsWith("bytes ")) {
            return null;
        }
        int dash = header.indexOf('-', 6);
        int slash = header.indexOf('/', 6);
        try {
            long total = header.endsWith("/*") ? -1 : Long.parseLong(header.substring(slash + 1).trim());
            if (header.startsWith("bytes */")) {
                return new ContentRange(-1, -1, total);
            }
            if (dash < 0 || slash < dash) {
                return null;
            }
            long first = Long.parseLong(header.substring(6, dash).trim());
            long last = Long.parseLong(header.substring(dash + 1, slash).trim());
            return first <= last ? new ContentRange(first, last, total) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The Content-Length of a response, or -1 when missing or malformed. */
    static long contentLength(HttpResponse response) {
        String value = response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
