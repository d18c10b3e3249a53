package io.ferry.remote.http;

import java.util.List;
import java.util.Locale;

/**
 * How the body of a response ends (RFC 9112, section 6.3): not at all, after a stated length, with
 * the last chunk, or when the server closes the connection.
 *
 * @param length the body's length for {@link Kind#LENGTH}, otherwise 0
 */
record BodyFraming(Kind kind, long length) {
    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);

    /**
     * The framing of {@code head}, the answer to a request that was a HEAD or not.
     *
     * @throws MalformedResponse for a length that is not a number, or two lengths that differ
     */
    static BodyFraming of(ResponseHead head, boolean headRequest, String server) {
        int status = head.status();
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            return NONE;
        }
        List<String> codings = head.headers().all(HeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            String last = codings.getLast();
            String lastCoding = last.substring(last.lastIndexOf(',') + 1).strip().toLowerCase(Locale.ROOT);
            return new BodyFraming(lastCoding.equals("chunked") ? Kind.CHUNKED : Kind.UNTIL_CLOSE, 0);
        }
        long length = contentLength(head.headers().all(HeaderNames.CONTENT_LENGTH), server);
        if (length < 0) {
            return new BodyFraming(Kind.UNTIL_CLOSE, 0);
        }
        return length == 0 ? NONE : new BodyFraming(Kind.LENGTH, length);
    }

    /** The one length all Content-Length values state, -1 when there is none. */
    private static long contentLength(List<String> values, String server) {
        long length = -1;
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                String digits = item.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new MalformedResponse(server, "invalid Content-Length '" + HeadParser.shown(value) + "'");
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw new MalformedResponse(server, "conflicting Content-Length values " + length + " and " + parsed);
                }
                length = parsed;
            }
        }
        return length;
    }
}
