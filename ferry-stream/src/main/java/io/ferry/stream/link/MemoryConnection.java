package io.ferry.stream.link;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One end of an in-memory connection of a {@link MemoryNetwork}. Bytes it sends wait in its queue
 * until the network moves them, in pieces, to the other end's receive buffer or straight into the
 * memory that end asked for. Owned by the thread that steps the network.
 */
public final class MemoryConnection implements Connection {
    private final MemoryNetwork network;
    private final ByteBuffer inbound;
    private final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
    private ConnectionHandler handler;
    private MemoryConnection peer;
    private MemorySegment into;
    private long intoFilled;
    private long intoEnd;
    private boolean open = true;
    /** Set by {@link #shutdown}: closes with {@link #endingCause} once the queue is out. */
    private boolean ending;
    private FerryException endingCause;
    /** False once this end closed itself or was reset; a close by the peer still lets received bytes through. */
    private boolean receiving = true;
    private long bytesSent;
    private long corruptAt = -1;
    /** While held: bytes the "kernel" took (reported sent) that the network does not move yet. */
    private ByteBuffer heldBytes;
    private boolean held;
    /** Where the last piece went in the pending memory, or -1 when it went to the receive buffer. */
    private long lastAcceptedInto = -1;

    MemoryConnection(MemoryNetwork network, int receiveBuffer) {
        this.network = network;
        this.inbound = ByteBuffer.allocate(receiveBuffer).flip();
    }

    void bind(ConnectionHandler handler, MemoryConnection peer) {
        this.handler = handler;
        this.peer = peer;
    }

    @Override
    public void send(ByteBuffer... buffers) {
        if (open && !ending) {
            for (ByteBuffer buffer : buffers) {
                outbound.add(buffer);
            }
            if (held) {
                takeOutbound();
            }
        }
    }

    /**
     * A slow path: from now on bytes sent are taken at once and reported sent, as a kernel's socket
     * buffer would, but reach the peer only after {@link #release()}.
     */
    public void hold() {
        held = true;
        takeOutbound();
    }

    /** Ends {@link #hold()}: the bytes taken meanwhile move on, ahead of anything sent later. */
    public void release() {
        held = false;
        if (heldBytes != null && heldBytes.position() > 0) {
            outbound.addFirst(heldBytes.flip());
        }
    }

    private void takeOutbound() {
        while (!outbound.isEmpty()) {
            ByteBuffer buffer = outbound.poll();
            if (heldBytes == null || heldBytes.remaining() < buffer.remaining()) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(64 * 1024, 2 * ((heldBytes == null ? 0 : heldBytes.position())
                        + buffer.remaining())));
                if (heldBytes != null) {
                    larger.put(heldBytes.flip());
                }
                heldBytes = larger;
            }
            heldBytes.put(buffer);
            network.later(() -> handler.onSent(buffer));
        }
    }

    @Override
    public void receiveInto(MemorySegment target, long offset, long length) {
        if (into != null) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "a receiveInto is already pending");
        }
        into = target;
        intoFilled = offset;
        intoEnd = offset + length;
        network.wake(this);
    }

    /** Nothing to do: an end takes only what its receive buffer holds, as a TCP window would. */
    @Override
    public void pauseReceiving() {
    }

    @Override
    public void close(FerryException cause) {
        if (!open) {
            return;
        }
        receiving = false;
        shut(cause);
        if (peer.open) {
            peer.shut(new FerryException(ErrorCode.CLOSED, "connection closed by the peer"));
        }
    }

    @Override
    public void shutdown(FerryException cause) {
        if (!open || ending) {
            return;
        }
        ending = true;
        endingCause = cause;
        receiving = false;
        closeIfSent();
    }

    private void closeIfSent() {
        if (ending && outbound.isEmpty() && heldBytes == null) {
            close(endingCause);
        }
    }

    /** Fails both ends as a network fault would (a reset). */
    public void kill() {
        FerryException reset = new FerryException(ErrorCode.IO_ERROR, "connection reset");
        receiving = false;
        peer.receiving = false;
        if (open) {
            shut(reset);
        }
        if (peer.open) {
            peer.shut(reset);
        }
    }

    /** Flips every bit of the byte this end sends at {@code index} (counted from the first byte it sent). */
    public void corruptSentByte(long index) {
        corruptAt = index;
    }

    private void shut(FerryException cause) {
        open = false;
        outbound.clear();
        into = null;
        network.later(() -> handler.onClosed(cause));
    }

    @Override
    public boolean isOpen() {
        return open && !ending;
    }

    /** Bytes this end sent that the network has not moved yet. */
    boolean hasOutbound() {
        return open && !held && !outbound.isEmpty() && peer.open;
    }

    /** Moves up to {@code piece} bytes of the head buffer to the peer; returns the bytes moved. */
    int move(int piece) {
        ByteBuffer head = outbound.peek();
        int n = Math.min(piece, head.remaining());
        n = peer.accept(head, n);
        if (n > 0 && corruptAt >= bytesSent && corruptAt < bytesSent + n) {
            peer.corruptReceived(corruptAt - bytesSent, n);
            corruptAt = -1;
        }
        bytesSent += n;
        if (!head.hasRemaining()) {
            outbound.poll();
            if (head == heldBytes) {
                heldBytes = null;
            } else {
                handler.onSent(head);
            }
            closeIfSent();
        }
        return n;
    }

    /** Takes up to {@code n} bytes from {@code source}: into the pending memory when nothing is buffered. */
    private int accept(ByteBuffer source, int n) {
        if (into != null && !inbound.hasRemaining()) {
            int take = (int) Math.min(n, intoEnd - intoFilled);
            MemorySegment.copy(MemorySegment.ofBuffer(source.slice(source.position(), take)), 0, into, intoFilled, take);
            source.position(source.position() + take);
            lastAcceptedInto = intoFilled;
            intoFilled += take;
            return take;
        }
        lastAcceptedInto = -1;
        inbound.compact();
        int take = Math.min(n, inbound.remaining());
        inbound.put(inbound.position(), source, source.position(), take);
        inbound.position(inbound.position() + take);
        source.position(source.position() + take);
        inbound.flip();
        return take;
    }

    private void corruptReceived(long pieceIndex, int pieceLength) {
        if (lastAcceptedInto >= 0) {
            long at = lastAcceptedInto + pieceIndex;
            into.set(ValueLayout.JAVA_BYTE, at, (byte) ~into.get(ValueLayout.JAVA_BYTE, at));
        } else {
            int at = inbound.limit() - pieceLength + (int) pieceIndex;
            inbound.put(at, (byte) ~inbound.get(at));
        }
    }

    void peerDeliver() {
        peer.deliver();
    }

    /**
     * Hands buffered bytes to the handler or the pending memory, until neither can take more. Bytes that
     * arrived before the peer closed are still handed over, as TCP delivers data before its FIN.
     */
    void deliver() {
        while (receiving) {
            if (into != null) {
                int n = (int) Math.min(inbound.remaining(), intoEnd - intoFilled);
                MemorySegment.copy(MemorySegment.ofBuffer(inbound.slice(inbound.position(), n)), 0, into, intoFilled, n);
                inbound.position(inbound.position() + n);
                intoFilled += n;
                if (intoFilled < intoEnd) {
                    return;
                }
                MemorySegment full = into;
                into = null;
                handler.onReceivedInto(full);
                continue;
            }
            if (!inbound.hasRemaining()) {
                return;
            }
            int before = inbound.position();
            handler.onReceive(inbound);
            if (into == null && inbound.position() == before) {
                return;
            }
        }
    }
}
