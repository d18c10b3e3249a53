package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.pdu.PduHandler;
import io.ferry.nvmf.internal.pdu.PduTransport;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A transport that allocates nothing per PDU, for measuring the target's own allocations: bytes
 * are handed over from a caller's array (receiveInto served from it), sends are only counted and
 * confirmed at {@link #confirmSends()}; the first buffer of the last send stays visible.
 */
final class DirectDriver implements PduTransport {
    private final long[] tokens = new long[1024];
    private int sendCount;
    private PduHandler handler;
    private MemorySegment intoMemory;
    private long intoOffset;
    private long intoLength;
    private ByteBuffer lastHeader;
    private boolean closed;

    void attach(PduHandler handler) {
        this.handler = handler;
    }

    /** Hands {@code length} bytes of {@code bytes} (viewed through {@code in} and {@code memory}) to the handler. */
    void deliver(ByteBuffer in, MemorySegment memory, int length) {
        in.clear().limit(length);
        while (in.hasRemaining() && !closed) {
            int before = in.position();
            handler.onReceive(in);
            if (intoMemory != null) {
                int n = (int) Math.min(intoLength, in.remaining());
                MemorySegment.copy(memory, in.position(), intoMemory, intoOffset, n);
                in.position(in.position() + n);
                if (n < intoLength) {
                    throw new IllegalStateException("test PDU cut short");
                }
                MemorySegment target = intoMemory;
                intoMemory = null;
                handler.onReceivedInto(target, intoOffset, intoLength);
            } else if (in.position() == before) {
                throw new IllegalStateException("handler consumed nothing");
            }
        }
    }

    /** Confirms every send so far; returns how many. */
    int confirmSends() {
        int n = sendCount;
        sendCount = 0;
        for (int i = 0; i < n; i++) {
            handler.onSent(tokens[i]);
        }
        return n;
    }

    ByteBuffer lastHeader() {
        return lastHeader;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void receiveInto(MemorySegment memory, long offset, long length) {
        intoMemory = memory;
        intoOffset = offset;
        intoLength = length;
    }

    @Override
    public void send(long token, ByteBuffer... buffers) {
        tokens[sendCount++] = token;
        lastHeader = buffers[0];
    }

    @Override
    public void close(Throwable cause) {
        closed = true;
    }
}
