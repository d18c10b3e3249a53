package io.ferry.remote.http;

import io.ferry.net.Connection;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The body of the response in progress on an {@link HttpConnection}, as it arrives: framed by a
 * length, by chunks or by the end of the connection ({@link BodyFraming}), and handed to its
 * exchange from the receive buffer, or, for a length the exchange wants in its own memory
 * ({@link Exchange#directBody}), read from the socket straight into that memory in slices. Owned by
 * its connection, on the loop's thread; nothing is allocated per response.
 */
final class ResponseBody {
    /**
     * A body read into memory is asked for in slices this large, so that progress is counted and
     * the server's silence timed as it arrives, not only once a whole task landed.
     */
    private static final long DIRECT_SLICE = 1 << 20;

    private final ChunkedDecoder chunked;
    private final Consumer<ByteBuffer> toExchange = this::content;
    private Exchange exchange;
    private BodyFraming framing;
    private long bodyLeft;
    /** The bytes of a length-framed body the current exchange still takes ({@link Exchange#bodyShare}). */
    private long shareLeft;
    private MemorySegment directBody;
    private long directOffset;

    ResponseBody(String server) {
        this.chunked = new ChunkedDecoder(server);
    }

    /** A response head arrived for {@code exchange}: its body, framed so, comes next. */
    void start(BodyFraming framing, Exchange exchange) {
        this.framing = framing;
        this.exchange = exchange;
        bodyLeft = framing.length();
        shareLeft = bodyLeft;
        chunked.reset();
    }

    /**
     * Asks the exchange for its share of a length-framed body; call after it saw the head. A share
     * out of range (none, or more than the body) is taken as the whole body.
     */
    void share() {
        if (framing.kind() == BodyFraming.Kind.LENGTH) {
            long share = exchange.bodyShare(bodyLeft);
            shareLeft = share > 0 && share <= bodyLeft ? share : bodyLeft;
        }
    }

    /** {@code next} takes the body over where the last share ended. */
    void continueWith(Exchange next) {
        exchange = next;
        share();
    }

    /** Whether body bytes are left after the share that ended: they wait for a continuation. */
    boolean hasMore() {
        return bodyLeft > 0;
    }

    /** Whether the exchange takes less than the whole body. */
    boolean isShared() {
        return shareLeft < bodyLeft;
    }

    /** The body ended: its exchange is let go, as the connection lets it go. */
    void ended() {
        exchange = null;
    }

    /** How the body ends. */
    BodyFraming.Kind kind() {
        return framing.kind();
    }

    /**
     * Has a length-framed body read into the exchange's memory when the exchange wants that (bytes
     * already buffered go there first); else it comes through {@link #read}.
     */
    void receiveDirect(Connection connection) {
        MemorySegment memory = exchange.directBody(shareLeft);
        if (memory != null) {
            directBody = memory;
            directOffset = 0;
            receiveSlice(connection);
        }
    }

    /** Whether the body is being read into the exchange's memory: the receive buffer holds none of it. */
    boolean isDirect() {
        return directBody != null;
    }

    /**
     * Hands the body bytes of {@code received} to the exchange; true when its share ended with them
     * (what follows belongs to the next response or share), false when all were taken and more must
     * arrive.
     */
    boolean read(ByteBuffer received) {
        switch (framing.kind()) {
            case LENGTH -> {
                int count = (int) Math.min(received.remaining(), shareLeft);
                int start = received.position();
                int limit = received.limit();
                received.limit(start + count);
                content(received);
                received.limit(limit).position(start + count);
                bodyLeft -= count;
                shareLeft -= count;
                return shareLeft == 0;
            }
            case CHUNKED -> {
                return chunked.decode(received, toExchange);
            }
            default -> {
                content(received);
                received.position(received.limit());
                return false;
            }
        }
    }

    /** A slice landed in the exchange's memory; true when it was the share's last, else the next is asked for. */
    boolean sliceReceived(Connection connection) {
        long count = Math.min(DIRECT_SLICE, directBody.byteSize() - directOffset);
        directOffset += count;
        bodyLeft -= count;
        shareLeft -= count;
        exchange.onDirectContent(count);
        if (shareLeft > 0) {
            receiveSlice(connection);
            return false;
        }
        directBody = null;
        return true;
    }

    /**
     * The connection closed: what landed in the exchange's memory of the slice under way counts, so
     * a retry resumes after it. True when some did.
     */
    boolean closed(Connection closed, Exchange current) {
        boolean landed = directBody != null && current != null && closed.receivedIntoCount() > 0;
        if (landed) {
            current.onDirectContent(closed.receivedIntoCount());
        }
        directBody = null;
        return landed;
    }

    private void content(ByteBuffer bytes) {
        exchange.onContent(bytes);
    }

    private void receiveSlice(Connection connection) {
        connection.receiveInto(directBody, directOffset, Math.min(DIRECT_SLICE, directBody.byteSize() - directOffset));
    }
}
