package io.ferry.nvmf.support;

import io.ferry.nvmf.internal.pdu.PduHandler;
import io.ferry.nvmf.internal.pdu.PduTransport;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Two connection ends joined back to back in memory, honouring the {@link PduTransport} contract
 * as ferry-net's connections will: sends are copied out only when the link is pumped (so a buffer
 * changed before {@code onSent} shows up as corrupt bytes), {@code onSent} comes before the peer can
 * answer, received bytes reach the handler in pieces cut by {@link Splits}, {@code receiveInto}
 * takes buffered bytes first, and close is reported at the next pump. Single-threaded.
 */
public final class MemoryLink {
    private final End a;
    private final End b;

    public MemoryLink(Splits splits) {
        a = new End(splits);
        b = new End(splits);
        a.peer = b;
        b.peer = a;
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    /** Moves bytes and callbacks until nothing moves; returns whether anything did. */
    public boolean pump() {
        boolean any = false;
        boolean moved;
        do {
            moved = a.flush() | b.flush() | a.deliver() | b.deliver();
            any |= moved;
        } while (moved);
        return any;
    }

    /** One end: a transport for the protocol handler attached to it. */
    public static final class End implements PduTransport {
        private record Send(long token, ByteBuffer[] buffers) {
        }

        private final Splits splits;
        private final ArrayDeque<Send> sends = new ArrayDeque<>();
        private End peer;
        private PduHandler handler;
        private byte[] stream = new byte[1 << 16];
        private int written;
        private int delivered;
        private int consumed;
        private MemorySegment intoMemory;
        private long intoOffset;
        private long intoLength;
        private long intoFilled;
        private boolean closed;
        private boolean closeReported;
        private boolean eof;
        private Throwable closeCause;
        private long bytesSent;

        End(Splits splits) {
            this.splits = splits;
        }

        public void attach(PduHandler handler) {
            this.handler = handler;
        }

        public boolean isClosed() {
            return closed;
        }

        public Throwable closeCause() {
            return closeCause;
        }

        /** Bytes this end wrote to the wire. */
        public long bytesSent() {
            return bytesSent;
        }

        /** Puts raw bytes on the wire towards the peer, as a misbehaving sender would. */
        public void inject(byte[] bytes) {
            peer.append(bytes, 0, bytes.length);
        }

        @Override
        public void receiveInto(MemorySegment memory, long offset, long length) {
            if (intoMemory != null) {
                throw new IllegalStateException("receiveInto while another is pending");
            }
            intoMemory = memory;
            intoOffset = offset;
            intoLength = length;
            intoFilled = 0;
        }

        @Override
        public void send(long token, ByteBuffer... buffers) {
            if (!closed) {
                sends.add(new Send(token, buffers.clone()));
            }
        }

        @Override
        public void close(Throwable cause) {
            if (!closed) {
                closed = true;
                closeCause = cause;
                sends.clear();
                peer.peerClosed();
            }
        }

        /** The peer closed: what it wrote still arrives, then this end sees the close (end of stream). */
        private void peerClosed() {
            eof = true;
        }

        private boolean flush() {
            boolean moved = false;
            while (!sends.isEmpty() && !closed) {
                Send send = sends.poll();
                for (ByteBuffer buffer : send.buffers()) {
                    int length = buffer.remaining();
                    byte[] bytes = new byte[length];
                    buffer.get(buffer.position(), bytes);
                    bytesSent += length;
                    peer.append(bytes, 0, length);
                }
                handler.onSent(send.token());
                moved = true;
            }
            return moved;
        }

        private void append(byte[] bytes, int from, int length) {
            if (written + length > stream.length) {
                compact();
                if (written + length > stream.length) {
                    stream = Arrays.copyOf(stream, Math.max(stream.length * 2, written + length));
                }
            }
            System.arraycopy(bytes, from, stream, written, length);
            written += length;
        }

        private void compact() {
            System.arraycopy(stream, consumed, stream, 0, written - consumed);
            written -= consumed;
            delivered -= consumed;
            consumed = 0;
        }

        private boolean deliver() {
            if (closed) {
                if (!closeReported) {
                    closeReported = true;
                    handler.onClosed(closeCause);
                    return true;
                }
                return false;
            }
            if (intoMemory != null && (consumed < written)) {
                return fillInto();
            }
            if (delivered == written) {
                if (eof) {
                    closed = true;
                    sends.clear();
                    return true;
                }
                return false;
            }
            delivered += splits.next(written - delivered);
            handOver();
            return true;
        }

        /** Hands the handler what is buffered and not yet consumed. */
        private void handOver() {
            ByteBuffer in = ByteBuffer.wrap(stream, consumed, delivered - consumed);
            handler.onReceive(in);
            consumed = in.position();
        }

        private boolean fillInto() {
            int buffered = delivered - consumed;
            if (buffered == 0) {
                if (delivered == written) {
                    return false;
                }
                delivered += splits.next(written - delivered);
                buffered = delivered - consumed;
            }
            int n = (int) Math.min(buffered, intoLength - intoFilled);
            MemorySegment.copy(MemorySegment.ofArray(stream), consumed, intoMemory, intoOffset + intoFilled, n);
            consumed += n;
            intoFilled += n;
            if (intoFilled == intoLength) {
                MemorySegment memory = intoMemory;
                intoMemory = null;
                handler.onReceivedInto(memory, intoOffset, intoLength);
                if (consumed < delivered && intoMemory == null && !closed) {
                    handOver();
                }
            }
            return true;
        }
    }
}
