package io.ferry.bench.curl;

/**
 * Bytes {@code first} to {@code last} of an object, both included, as HTTP's {@code Range} header
 * and curl's {@code -r} name them (RFC 9110, section 14.1.2).
 */
record ByteRange(long first, long last) {
    ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    long lengthBytes() {
        return last - first + 1;
    }

    /** As curl's {@code -r} takes it: {@code first-last}. */
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
