package io.ferry.remote;

import io.ferry.remote.http.HeaderNames;
import io.ferry.remote.http.ResponseHead;

import java.util.OptionalLong;

/**
 * A {@code Content-Range: bytes first-last/total} header (RFC 9110, section 14.4), and the other
 * length a response states, its {@code Content-Length}. Parsing is strict: only digits, and a
 * range that fits its total. An unknown length is empty, never a number such as -1.
 *
 * @param total the object's size, empty when the server sent {@code *}
 */
record ContentRange(long first, long last, OptionalLong total) {
    private static final String UNIT = "bytes ";

    /** The range of a 206 answer, or null when the header is missing or malformed. */
    static ContentRange parse(String header) {
        if (header == null || !header.startsWith(UNIT)) {
            return null;
        }
        int dash = header.indexOf('-', UNIT.length());
        int slash = header.indexOf('/', UNIT.length());
        if (dash < 0 || slash < dash) {
            return null;
        }
        long first = number(header.substring(UNIT.length(), dash));
        long last = number(header.substring(dash + 1, slash));
        String totalText = header.substring(slash + 1);
        OptionalLong total = totalText.equals("*") ? OptionalLong.empty() : OptionalLong.of(number(totalText));
        if (first < 0 || last < first || (total.isPresent() && total.getAsLong() <= last)) {
            return null;
        }
        return new ContentRange(first, last, total);
    }

    /** The size in a 416 answer's {@code Content-Range: bytes *}{@code /total}, empty when missing or malformed. */
    static OptionalLong unsatisfiedTotal(ResponseHead response) {
        String header = response.headers().get(HeaderNames.CONTENT_RANGE);
        String prefix = UNIT + "*/";
        long total = header == null || !header.startsWith(prefix) ? -1 : number(header.substring(prefix.length()));
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }

    /** The Content-Length of a response, empty when it is missing or malformed. */
    static OptionalLong contentLength(ResponseHead response) {
        String value = response.headers().get(HeaderNames.CONTENT_LENGTH);
        long length = value == null ? -1 : number(value.strip());
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** A non-negative decimal number of at most 18 digits, or -1. */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
