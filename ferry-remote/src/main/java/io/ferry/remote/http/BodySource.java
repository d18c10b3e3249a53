package io.ferry.remote.http;

import java.lang.foreign.MemorySegment;

/** The body of a request, handed out in pieces as the socket drains, so memory use stays bounded. */
public interface BodySource {
    /** Total bytes of the body. */
    long length();

    /** Starts again from the first byte (a retried request sends the whole body again). */
    void rewind();

    /**
     * The next piece of at most {@code maxBytes} bytes, or null when all was handed out: a slice of
     * the caller's memory, native (sent as it is) or heap (copied into the connection's memory).
     */
    MemorySegment next(int maxBytes);
}
