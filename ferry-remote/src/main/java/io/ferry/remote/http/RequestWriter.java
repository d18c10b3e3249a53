package io.ferry.remote.http;

import io.ferry.net.Connection;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The request side of a connection: heads, then bodies queued on the socket as it drains. A body is
 * taken from its {@link BodySource} only while less than {@value #OUTBOUND_LIMIT} bytes wait for the
 * socket (also before the connection and its TLS handshake are up), so memory stays bounded. Native
 * memory is sent as it is; heap memory is copied into one of two staging buffers of
 * {@value #BODY_PIECE} bytes, each used again once the socket took it.
 */
final class RequestWriter {
    private static final int BODY_PIECE = 256 * 1024;
    private static final int OUTBOUND_LIMIT = 512 * 1024;
    private static final int HEAD_BUFFER = 8 * 1024;
    private static final long HEAD_TOKEN = 0;
    private static final long PIECE_TOKEN = 1;
    /** Tokens of the staging buffers: this plus their index. */
    private static final long STAGING_TOKEN = 2;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment headBuffer = arena.allocate(HEAD_BUFFER);
    private final MemorySegment[] staging = new MemorySegment[2];
    private final boolean[] stagingBusy = new boolean[2];
    private Connection connection;
    /** The endpoint when its requests go to a proxy that forwards them, else null. */
    private Endpoint forwarding;
    private boolean headBusy;
    private BodySource body;
    /** A heap piece taken from the body that waits for a free staging buffer. */
    private MemorySegment held;

    void attach(Connection opened, Endpoint endpoint) {
        connection = opened;
        forwarding = endpoint.forwardsThroughProxy() ? endpoint : null;
    }

    /** Queues a request head; its body, if any, follows as the socket drains. */
    void begin(RequestHead head, BodySource requestBody) {
        byte[] encoded = forwarding == null ? head.encode()
                : head.encodeForProxy(forwarding.origin(), forwarding.proxy().authorization());
        if (!headBusy && encoded.length <= HEAD_BUFFER) {
            headBusy = true;
            MemorySegment.copy(MemorySegment.ofArray(encoded), 0, headBuffer, 0, encoded.length);
            connection.send(headBuffer, 0, encoded.length, HEAD_TOKEN);
        } else {
            // A large head (long URLs, many -H headers): its own memory, freed by the collector.
            MemorySegment own = Arena.ofAuto().allocate(encoded.length);
            MemorySegment.copy(MemorySegment.ofArray(encoded), 0, own, 0, encoded.length);
            connection.send(own, 0, encoded.length, -1);
        }
        body = requestBody;
        held = null;
        if (requestBody != null) {
            requestBody.rewind();
            pump();
        }
    }

    /** True when the last request went out whole: head, body and end. */
    boolean isComplete() {
        return body == null && connection.queuedBytes() == 0;
    }

    /** A piece queued by this writer was written: its memory is free, and more of the body may go. */
    void sent(long token) {
        if (token == HEAD_TOKEN) {
            headBusy = false;
        } else if (token >= STAGING_TOKEN) {
            stagingBusy[(int) (token - STAGING_TOKEN)] = false;
        }
        pump();
    }

    private void pump() {
        while (body != null && connection.queuedBytes() < OUTBOUND_LIMIT) {
            MemorySegment piece = held != null ? held : body.next(BODY_PIECE);
            held = null;
            if (piece == null) {
                body = null;
                return;
            }
            if (piece.isNative()) {
                connection.send(piece, 0, piece.byteSize(), PIECE_TOKEN);
                continue;
            }
            int free = freeStaging();
            if (free < 0) {
                held = piece;
                return;
            }
            stagingBusy[free] = true;
            MemorySegment.copy(piece, 0, staging[free], 0, piece.byteSize());
            connection.send(staging[free], 0, piece.byteSize(), STAGING_TOKEN + free);
        }
    }

    private int freeStaging() {
        for (int i = 0; i < staging.length; i++) {
            if (!stagingBusy[i]) {
                if (staging[i] == null) {
                    staging[i] = arena.allocate(BODY_PIECE);
                }
                return i;
            }
        }
        return -1;
    }

    /** Frees the buffers; the connection is closed, so nothing queued refers to them any more. */
    void release() {
        body = null;
        held = null;
        arena.close();
    }
}
