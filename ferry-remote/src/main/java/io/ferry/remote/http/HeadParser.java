package io.ferry.remote.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * Reads a response head (RFC 9112, sections 4 and 5) from the bytes received so far: the status
 * line, then header fields up to an empty line. Strict where framing depends on it (the version,
 * a three-digit status, field names), lenient where servers differ harmlessly (a bare LF ends a
 * line, the reason phrase may be missing). A head longer than {@value #MAX_HEAD_BYTES} bytes is
 * refused, so a server cannot make the connection buffer without bound.
 */
final class HeadParser {
    /** The longest head accepted; it must fit the connection's receive buffer. */
    static final int MAX_HEAD_BYTES = 32 * 1024;

    private HeadParser() {
    }

    /**
     * The head at {@code in}'s position, which then moves past it; null, with the position unchanged,
     * when the head is not complete yet.
     *
     * @throws MalformedResponse when the bytes are not a response head or the head is too long
     */
    static ResponseHead parse(ByteBuffer in, String server) {
        int start = in.position();
        int end = endOfHead(in, start);
        if (end < 0) {
            if (in.remaining() >= MAX_HEAD_BYTES) {
                throw new MalformedResponse(server, "the response head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            return null;
        }
        String text = latin1(in, start, end);
        in.position(end);
        String[] lines = text.split("\r?\n");
        Headers headers = new Headers();
        String statusLine = lines[0];
        for (int i = 1; i < lines.length; i++) {
            addField(headers, lines[i], server);
        }
        return statusLine(statusLine, headers, server);
    }

    /** The index just past the empty line that ends the head, or -1 when it has not arrived. */
    private static int endOfHead(ByteBuffer in, int start) {
        int limit = Math.min(in.limit(), start + MAX_HEAD_BYTES);
        for (int i = start; i < limit; i++) {
            if (in.get(i) != '\n') {
                continue;
            }
            if (i + 1 < in.limit() && in.get(i + 1) == '\n') {
                return i + 2;
            }
            if (i + 2 < in.limit() && in.get(i + 1) == '\r' && in.get(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static String latin1(ByteBuffer in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).stripTrailing();
    }

    private static ResponseHead statusLine(String line, Headers headers, String server) {
        // HTTP-version SP status-code [SP reason-phrase]
        if (line.length() < 12 || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))) {
            throw new MalformedResponse(server, "not an HTTP/1.x status line: '" + shown(line) + "'");
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9') || code.charAt(0) == '0'
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new MalformedResponse(server, "no valid status code in '" + shown(line) + "'");
        }
        String reason = line.length() > 13 ? line.substring(13) : "";
        boolean http11 = line.charAt(7) == '1';
        return new ResponseHead(Integer.parseInt(code), reason, headers, keepAlive(http11, headers.all(HeaderNames.CONNECTION)));
    }

    private static boolean keepAlive(boolean http11, List<String> connection) {
        for (String value : connection) {
            for (String option : value.split(",")) {
                String token = option.strip().toLowerCase(Locale.ROOT);
                if (token.equals("close")) {
                    return false;
                }
                if (token.equals("keep-alive")) {
                    return true;
                }
            }
        }
        return http11;
    }

    private static void addField(Headers headers, String line, String server) {
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line, colon)) {
            throw new MalformedResponse(server, "not a header field: '" + shown(line) + "'");
        }
        headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
    }

    /** Whether the first {@code length} characters are a field name (RFC 9110 token; no folding, no space). */
    private static boolean isToken(String line, int length) {
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A line for a message: printable ASCII only, at most 80 characters. */
    static String shown(String line) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length() && text.length() < 80; i++) {
            char c = line.charAt(i);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.toString();
    }
}
