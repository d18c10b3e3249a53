package io.ferry.remote.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** Encoded bytes of a connection waiting for its socket, in order. */
final class OutboundBytes {
    private final ArrayDeque<ByteBuf> pieces = new ArrayDeque<>();
    private final int maxWrite;
    private long size;

    /**
     * @param maxWrite the most bytes given to one socket write: the JDK copies a heap buffer through
     *                 a temporary direct buffer as large as the write, so large writes cost hidden memory
     */
    OutboundBytes(int maxWrite) {
        this.maxWrite = maxWrite;
    }

    /** Takes what the pipeline encoded so far. */
    void takeFrom(EmbeddedChannel pipeline) {
        pipeline.flush();
        for (Object message; (message = pipeline.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) message;
            if (bytes.isReadable()) {
                pieces.add(bytes);
                size += bytes.readableBytes();
            } else {
                bytes.release();
            }
        }
    }

    /** Writes what the socket takes; true when nothing is left, false when the socket is full. */
    boolean writeTo(SocketChannel socket) throws IOException {
        while (!pieces.isEmpty()) {
            ByteBuf bytes = pieces.peek();
            size -= bytes.readBytes(socket, Math.min(bytes.readableBytes(), maxWrite));
            if (bytes.isReadable()) {
                return false;
            }
            pieces.poll().release();
        }
        return true;
    }

    long size() {
        return size;
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    void release() {
        pieces.forEach(ByteBuf::release);
        pieces.clear();
        size = 0;
    }
}
