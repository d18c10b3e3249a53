package io.ferry.remote.http;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Decodes a chunked body (RFC 9112, section 7.1) as its bytes arrive: chunk sizes in hexadecimal
 * (extensions ignored), data handed on in place, trailer fields read and dropped. A partial line
 * stays in the buffer for the next call; a line longer than {@value #MAX_LINE} bytes is refused.
 */
final class ChunkedDecoder {
    private static final int MAX_LINE = 4096;

    private enum State { SIZE, DATA, DATA_END, TRAILER }

    private final String server;
    private State state = State.SIZE;
    private long left;

    ChunkedDecoder(String server) {
        this.server = server;
    }

    /** Starts a new body. */
    void reset() {
        state = State.SIZE;
        left = 0;
    }

    /**
     * Consumes what it can of {@code in}, handing each piece of data to {@code data} (as the bytes
     * between the buffer's position and limit, valid during the call). True once the body ended.
     *
     * @throws MalformedResponse when the bytes are not a chunked body
     */
    boolean decode(ByteBuffer in, Consumer<ByteBuffer> data) {
        while (in.hasRemaining()) {
            switch (state) {
                case SIZE -> {
                    String line = line(in);
                    if (line == null) {
                        return false;
                    }
                    left = chunkSize(line);
                    state = left == 0 ? State.TRAILER : State.DATA;
                }
                case DATA -> {
                    int count = (int) Math.min(in.remaining(), left);
                    int start = in.position();
                    int limit = in.limit();
                    in.limit(start + count);
                    data.accept(in);
                    in.limit(limit).position(start + count);
                    left -= count;
                    if (left == 0) {
                        state = State.DATA_END;
                    }
                }
                case DATA_END -> {
                    String line = line(in);
                    if (line == null) {
                        return false;
                    }
                    if (!line.isEmpty()) {
                        throw new MalformedResponse(server, "chunk data longer than its size");
                    }
                    state = State.SIZE;
                }
                case TRAILER -> {
                    String line = line(in);
                    if (line == null) {
                        return false;
                    }
                    if (line.isEmpty()) {
                        reset();
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The next line without its end (CRLF or LF), or null when it has not arrived whole. */
    private String line(ByteBuffer in) {
        int start = in.position();
        for (int i = start; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                int end = i > start && in.get(i - 1) == '\r' ? i - 1 : i;
                byte[] bytes = new byte[end - start];
                in.get(start, bytes);
                in.position(i + 1);
                return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        if (in.remaining() > MAX_LINE) {
            throw new MalformedResponse(server, "a chunk line longer than " + MAX_LINE + " bytes");
        }
        return null;
    }

    private long chunkSize(String line) {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MalformedResponse(server, "invalid chunk size '" + HeadParser.shown(line) + "'");
        }
        return Long.parseLong(hex, 16);
    }
}
