package io.ferry.testkit;

/**
 * What a {@code Range} header asks of an object of a known size (RFC 9110, section 14): the whole
 * object, one satisfiable range, or a range that starts past the end.
 */
sealed interface RangeRequest {
    /** No usable Range header: absent, another unit, several ranges, or malformed, all of which are ignored. */
    record Whole() implements RangeRequest {
    }

    /** Bytes {@code first} to {@code last}, both included, within the object. */
    record Partial(long first, long last) implements RangeRequest {
        long length() {
            return last - first + 1;
        }

        String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }

        /** As many bytes one byte later, or one byte earlier when that would pass the end; the whole object loses its first byte. */
        Partial misplaced(long total) {
            if (last + 1 < total) {
                return new Partial(first + 1, last + 1);
            }
            return first > 0 ? new Partial(first - 1, last - 1) : new Partial(first + 1, last);
        }
    }

    /** A range starting at or past the end of the object (416). */
    record Unsatisfiable() implements RangeRequest {
    }

    static RangeRequest parse(String header, long total) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        long first = digits(spec.substring(0, dash));
        long last = digits(spec.substring(dash + 1));
        if (dash == 0) {
            return suffix(last, total);
        }
        if (first < 0 || (dash < spec.length() - 1 && (last < 0 || last < first))) {
            return new Whole();
        }
        if (first >= total) {
            return new Unsatisfiable();
        }
        return new Partial(first, dash == spec.length() - 1 ? total - 1 : Math.min(last, total - 1));
    }

    /** {@code bytes=-n}: the last n bytes. */
    private static RangeRequest suffix(long length, long total) {
        if (length < 0) {
            return new Whole();
        }
        if (length == 0 || total == 0) {
            return new Unsatisfiable();
        }
        return new Partial(Math.max(0, total - length), total - 1);
    }

    /** The value of a non-empty run of ASCII digits, or -1. */
    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
