package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One TCP connection (optionally TLS) of a {@link NetLoop}, driven by the loop's thread. Received
 * bytes go to the handler from the connection's buffer, or, after {@link #receiveInto}, straight from
 * the socket into the handler's memory. Sent pieces queue in order and leave with gathering writes
 * (or sendfile), flushed when the loop cycle ends or by {@link #flush()}.
 *
 * <p>Threads: every method belongs to the loop's thread (handlers run there too). A connection is
 * never shared between loops; to move a socket to another loop, accept it there
 * ({@link NetLoop#adopt}).
 *
 * <p>Memory: the receive buffer is native memory of the connection's own arena, freed on close;
 * steady-state receiving and sending allocate nothing on the Java heap.
 */
public final class Connection extends Selectable {
    private static final int MAX_READS_PER_READY = 16;
    private static final int WATCH_READ = Epoll.EPOLLIN | Epoll.EPOLLRDHUP;

    private final NetLoop loop;
    private final int fd;
    private final InetSocketAddress remote;
    private final ConnectionHandler handler;
    private final ConnectionOptions options;
    private final Arena arena;
    private final InboundBuffer inbound;
    private final OutboundQueue outbound = new OutboundQueue();
    private final OutboundQueue.Sent sentReporter = this::reportSent;
    /** The TLS session: from the start, or from {@link #startTls} on; null for plain TCP. */
    private TlsSession tls;
    private ConnectionState state;
    private MemorySegment direct;
    /** Where the range of {@link #direct} starts, where the next byte received into it goes, and where it ends. */
    private long directStart;
    private long directFilled;
    private long directEnd;
    private int watching;
    /** Set while queued pieces wait for the end of the loop cycle. */
    boolean dirty;
    private FerryException closingCause;
    /** True while {@link #deliver()} runs: a receive target set then is served by it. */
    private boolean delivering;
    private boolean startPending;
    /** Decrypted input waits beyond what one readiness event handled: read on at the end of the cycle. */
    private boolean readPending;
    /** Set by {@link #pauseReceiving()}: the socket is not read until {@link #resumeReceiving()}. */
    private boolean paused;
    /** Resumed with bytes buffered: they are handed over at the end of the cycle. */
    private boolean deliverPending;
    /** A shutdown asked for before the connection was open: it happens once it is. */
    private boolean shutdownRequested;
    private FerryException startFailure;
    /** Set by {@link #startTls}: the handshake begins when the loop cycle ends, after the plain bytes were consumed. */
    private boolean tlsStartPending;

    Connection(NetLoop loop, int fd, InetSocketAddress remote, ConnectionHandler handler, ConnectionOptions options,
               boolean connecting) {
        this.loop = loop;
        this.fd = fd;
        this.remote = remote;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.arena = Arena.ofShared();
        this.inbound = new InboundBuffer(arena.allocate(options.receiveBufferSize(), 4096));
        this.tls = options.tls() == null ? null : new TlsSession(options.tls(), options.serverName(), remote, arena);
        this.state = connecting ? ConnectionState.CONNECTING : tls != null ? ConnectionState.HANDSHAKING : ConnectionState.OPEN;
        loop.entered(state);
    }

    /** The loop that drives this connection. */
    public NetLoop loop() {
        return loop;
    }

    /** The peer's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Where the connection is in its life; see {@link ConnectionState}. */
    public ConnectionState state() {
        return state;
    }

    /** Whether bytes can be sent and received (OPEN). */
    public boolean isOpen() {
        return state == ConnectionState.OPEN;
    }

    @Override
    int fd() {
        return fd;
    }

    /** Has the loop start the connection when the cycle ends, so no callback runs inside the call that made it. */
    void startLater() {
        startPending = true;
        loop.markDirty(this);
    }

    /** A connect that failed at once is reported when the cycle ends, like one that fails later. */
    void failLater(FerryException cause) {
        startFailure = cause;
    }

    /** Watches the socket: for the end of the connect, or for what arrives; an accepted one starts at once. */
    private void start() {
        startPending = false;
        if (startFailure != null) {
            close(startFailure);
            return;
        }
        watch(state == ConnectionState.CONNECTING ? Epoll.EPOLLOUT : readInterest());
        if (state == ConnectionState.HANDSHAKING) {
            handshake();
        } else if (state == ConnectionState.OPEN) {
            connected();
        }
    }

    /**
     * Places the next {@code target.byteSize()} bytes received in {@code target}: see
     * {@link #receiveInto(MemorySegment, long, long)}.
     */
    public void receiveInto(MemorySegment target) {
        receiveInto(target, 0, target.byteSize());
    }

    /**
     * Places the next {@code length} bytes received in {@code target} from {@code offset}, instead of
     * showing them to {@link ConnectionHandler#onReceive}; {@link ConnectionHandler#onReceivedInto}
     * follows once all are there. Bytes already buffered are copied at once; the rest is read
     * straight from the socket into native memory (TLS: decrypted, then copied). The range belongs
     * to the connection until then; nothing is allocated. Called from {@code onReceive} (the bytes
     * after the buffer's position are the ones placed) or between callbacks.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when a previous range is not filled yet,
     *                        {@link ErrorCode#INVALID_ARGUMENT} for an empty range
     * @throws IndexOutOfBoundsException for a range outside {@code target}
     */
    public void receiveInto(MemorySegment target, long offset, long length) {
        Objects.requireNonNull(target, "target");
        if (direct != null) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "a receive into memory is already under way");
        }
        Objects.checkFromIndexSize(offset, length, target.byteSize());
        if (length == 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "nothing to receive into: the range is empty");
        }
        direct = target;
        directStart = offset;
        directFilled = offset;
        directEnd = offset + length;
        if (!delivering && inbound.readable() > 0) {
            loop.markDirty(this);
        }
    }

    /**
     * Bytes of the last {@link #receiveInto} range placed so far: all of it once reported, part of
     * it when the connection closed first (a protocol that resumes a cut transfer needs to know).
     */
    public long receivedIntoCount() {
        return directFilled - directStart;
    }

    /** Queues {@code data} to be sent whole; no report when written. */
    public void send(MemorySegment data) {
        send(data, 0, data.byteSize(), OutboundQueue.NO_TOKEN);
    }

    /** Queues {@code data}; {@link ConnectionHandler#onSent} reports {@code token} (0 or more) when written. */
    public void send(MemorySegment data, long token) {
        send(data, 0, data.byteSize(), token);
    }

    /**
     * Queues {@code length} bytes of {@code data} from {@code offset}. Native memory goes to the
     * socket as it is (the segment must not change until reported sent); heap memory is refused.
     * Pieces leave in the order queued, when the loop cycle ends or at {@link #flush()}. A negative
     * {@code token} asks for no report.
     *
     * @throws FerryException {@link ErrorCode#CLOSED} when closing or closed,
     *                        {@link ErrorCode#INVALID_ARGUMENT} for heap memory or a range outside it
     */
    public void send(MemorySegment data, long offset, long length, long token) {
        checkSendable();
        if (!data.isNative()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "only native memory can be sent");
        }
        Objects.checkFromIndexSize(offset, length, data.byteSize());
        if (length == 0) {
            return;
        }
        outbound.addMemory(data, data.address() + offset, length, token);
        loop.markDirty(this);
    }

    /**
     * Queues {@code length} bytes of the open file {@code fileFd} from {@code offset}, sent with
     * sendfile(2) (no copy through user space; TLS reads and encrypts them). The descriptor must stay
     * open until {@code token} is reported (or the connection closed).
     */
    public void sendFile(int fileFd, long offset, long length, long token) {
        checkSendable();
        if (fileFd < 0 || offset < 0 || length < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "bad file range: fd " + fileFd + ", offset " + offset
                    + ", length " + length);
        }
        if (length == 0) {
            return;
        }
        outbound.addFile(fileFd, offset, length, token);
        loop.markDirty(this);
    }

    private void checkSendable() {
        if (state == ConnectionState.CLOSING || state == ConnectionState.CLOSED) {
            throw new FerryException(ErrorCode.CLOSED, "connection to " + remote + " is " + state.name().toLowerCase());
        }
    }

    /** Bytes queued and not yet written to the socket. */
    public long queuedBytes() {
        return outbound.bytes();
    }

    /** The end of a loop cycle: serves a receive target set outside a callback, and writes what was queued. */
    void cycleEnded() {
        dirty = false;
        if (state == ConnectionState.CLOSED) {
            return;
        }
        try {
            if (startPending) {
                start();
                return;
            }
            if (tlsStartPending) {
                beginTls();
                return;
            }
            if ((direct != null || deliverPending) && inbound.readable() > 0 && state == ConnectionState.OPEN) {
                deliverPending = false;
                deliver();
            }
            if (readPending && state == ConnectionState.OPEN) {
                readPending = false;
                readable();
            }
            flush();
        } catch (RuntimeException e) {
            close(failure(e));
        }
    }

    /**
     * Starts TLS as a client on this open plain connection, after some plain bytes were exchanged
     * (an HTTP proxy's CONNECT, STARTTLS): the handshake begins when the loop cycle ends, and the
     * handler hears {@link ConnectionHandler#onConnected} again once it is done. Nothing may be
     * queued, and every plain byte received must be consumed by then: a byte left over (the peer
     * spoke before the handshake) closes the connection.
     *
     * @param serverName the name to send (SNI) and to verify the certificate against
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when not open, already TLS, or bytes are queued;
     *                        {@link ErrorCode#INVALID_ARGUMENT} for a server configuration or no server name
     */
    public void startTls(TlsConfig config, String serverName) {
        Objects.requireNonNull(config, "config");
        if (!config.isClient() || serverName == null || serverName.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "startTls needs a client configuration and the server's name");
        }
        if (state != ConnectionState.OPEN || tls != null || !outbound.isEmpty()) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "cannot start TLS on " + this
                    + (tls != null ? ": TLS is on already" : outbound.isEmpty() ? "" : ": plain bytes are still queued"));
        }
        tls = new TlsSession(config, serverName, remote, arena);
        moveTo(ConnectionState.HANDSHAKING);
        tlsStartPending = true;
        loop.markDirty(this);
    }

    private void beginTls() {
        tlsStartPending = false;
        if (inbound.readable() > 0) {
            close(new FerryException(ErrorCode.PROTOCOL_ERROR, remote + " sent " + inbound.readable()
                    + " plain bytes before the TLS handshake"));
            return;
        }
        handshake();
    }

    /** Writes what is queued now, as far as the socket takes it; the rest goes when it has room. */
    public void flush() {
        if (state != ConnectionState.OPEN && state != ConnectionState.CLOSING) {
            return;
        }
        try {
            long result = tls == null ? SocketWrites.write(loop, fd, outbound, sentReporter) : tls.send(loop, fd, outbound, sentReporter);
            if (result < 0 && result != -Errno.EAGAIN) {
                close(ioFailure("sending to", (int) -result));
                return;
            }
        } catch (FerryException e) {
            close(e);
            return;
        }
        if (state == ConnectionState.CLOSING && outbound.isEmpty() && !tlsPending()) {
            Sockets.shutdownOutput(loop.errno(), fd);
            close(closingCause);
            return;
        }
        watchForQueue();
    }

    /** Watches for reading (unless paused), and for room to write while something waits to be written. */
    private void watchForQueue() {
        watch(outbound.isEmpty() && !tlsPending() ? readInterest() : readInterest() | Epoll.EPOLLOUT);
    }

    private boolean tlsPending() {
        return tls != null && tls.hasPendingOutput();
    }

    /**
     * Stops receiving, sends what is queued, then closes; the handler then hears {@code cause}
     * (null: an orderly end). Use it to end with a last message, such as an error report. Before
     * the connection is open, this happens once it is.
     */
    public void shutdown(FerryException cause) {
        if (state == ConnectionState.CLOSING || state == ConnectionState.CLOSED) {
            return;
        }
        closingCause = cause;
        if (state != ConnectionState.OPEN) {
            shutdownRequested = true;
            return;
        }
        moveTo(ConnectionState.CLOSING);
        flush();
    }

    /** Closes at once; queued pieces are dropped and the handler hears no cause. Idempotent. */
    public void close() {
        close(null);
    }

    /** Closes at once; queued pieces are dropped and the handler hears {@code cause}. Idempotent. */
    public void close(FerryException cause) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        moveTo(ConnectionState.CLOSED);
        outbound.clear();
        direct = null;
        loop.forget(this);
        LibC.close(loop.errno(), fd);
        if (tls != null) {
            tls.close();
        }
        arena.close();
        try {
            handler.onClosed(this, cause);
        } catch (RuntimeException e) {
            loop.report(e);
        }
    }

    @Override
    void abort(FerryException cause) {
        close(cause);
    }

    private void moveTo(ConnectionState next) {
        loop.left(state);
        state = next;
        loop.entered(next);
    }

    /** What to watch for reading: nothing while paused (a peer's FIN or data waits in the kernel). */
    private int readInterest() {
        return paused ? 0 : WATCH_READ;
    }

    /**
     * Stops reading from the socket, for flow control: the handler cannot take more now (it waits for
     * memory, or for other connections). Bytes already buffered stay; the kernel's buffers fill and
     * TCP slows the peer down. A reset by the peer still closes the connection. Unlike a unit larger
     * than the receive buffer, a full buffer while paused is not an error.
     */
    public void pauseReceiving() {
        if (!paused) {
            paused = true;
            if (state == ConnectionState.OPEN) {
                watchForQueue();
            }
        }
    }

    /** Reads again after {@link #pauseReceiving()}; buffered bytes are handed over when the loop cycle ends. */
    public void resumeReceiving() {
        if (paused) {
            paused = false;
            if (state == ConnectionState.OPEN) {
                watchForQueue();
                deliverPending = true;
                // Decrypted records may wait in the session while the socket has nothing: epoll would not say.
                readPending = tls != null && tls.hasBufferedInput();
                loop.markDirty(this);
            }
        }
    }

    /** Whether reading is paused by {@link #pauseReceiving()} and not yet resumed. */
    public boolean isReceivingPaused() {
        return paused;
    }

    private void watch(int events) {
        if (events != watching && state != ConnectionState.CLOSED) {
            watching = events;
            loop.watch(this, events);
        }
    }

    @Override
    void onReady(int events) {
        try {
            if (state == ConnectionState.CONNECTING) {
                finishConnect();
            } else if (state == ConnectionState.HANDSHAKING) {
                handshake();
            } else {
                if ((events & (Epoll.EPOLLIN | Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR)) != 0) {
                    readable();
                }
                if ((events & Epoll.EPOLLOUT) != 0 && state != ConnectionState.CLOSED) {
                    flush();
                }
            }
        } catch (RuntimeException e) {
            close(failure(e));
        }
    }

    /** What a handler or the TLS engine threw, as the cause the handler hears. */
    private FerryException failure(RuntimeException e) {
        return e instanceof FerryException f ? f : new FerryException(ErrorCode.IO_ERROR, "connection to " + remote + ": " + e, e);
    }

    private void finishConnect() {
        int error = Sockets.pendingError(loop.errno(), fd, loop.scratch());
        if (error != 0) {
            close(new FerryException(ErrorCode.IO_ERROR, "cannot connect to " + remote + ": " + Errno.name(error), error, null));
            return;
        }
        if (tls != null) {
            moveTo(ConnectionState.HANDSHAKING);
            watch(readInterest());
            handshake();
        } else {
            moveTo(ConnectionState.OPEN);
            watch(readInterest());
            connected();
        }
    }

    private void handshake() {
        if (!tls.handshake(loop, fd, inbound)) {
            watch(tls.hasPendingOutput() ? WATCH_READ | Epoll.EPOLLOUT : WATCH_READ);
            return;
        }
        moveTo(ConnectionState.OPEN);
        watch(readInterest());
        connected();
        if (state == ConnectionState.OPEN && inbound.readable() > 0) {
            deliver();
        }
        if (state == ConnectionState.OPEN && tls.hasBufferedInput()) {
            readable();
        }
    }

    private void connected() {
        handler.onConnected(this);
        if (shutdownRequested && state == ConnectionState.OPEN) {
            moveTo(ConnectionState.CLOSING);
        }
        if ((!outbound.isEmpty() || state == ConnectionState.CLOSING) && state != ConnectionState.CLOSED) {
            flush();
        }
    }

    private void readable() {
        if (paused) {
            int error = Sockets.pendingError(loop.errno(), fd, loop.scratch());
            if (error != 0) {
                close(ioFailure("receiving from", error));
            }
            return;
        }
        for (int i = 0; i < MAX_READS_PER_READY && state == ConnectionState.OPEN && !paused; i++) {
            if (i == MAX_READS_PER_READY - 1 && tls != null && tls.hasBufferedInput()) {
                // The socket may be drained while records wait in the session: epoll would not report it again.
                readPending = true;
                loop.markDirty(this);
                return;
            }
            long asked;
            long result;
            if (tls == null && direct != null && inbound.readable() == 0 && direct.isNative()
                    && directEnd - directFilled >= options.directReadMin()) {
                asked = directEnd - directFilled;
                result = Sockets.read(loop.errno(), fd, direct.address() + directFilled, asked);
                if (result > 0) {
                    directFilled += result;
                    deliver();
                }
            } else {
                int room = tls == null ? 1 : tls.plaintextRoom();
                inbound.compact(room);
                asked = inbound.writable();
                if (asked < room) {
                    close(new FerryException(ErrorCode.IO_ERROR, "a message from " + remote + " is larger than the "
                            + inbound.capacity() + "-byte receive buffer"));
                    return;
                }
                if (tls == null) {
                    result = Sockets.read(loop.errno(), fd, inbound.writeAddress(), asked);
                    if (result > 0) {
                        inbound.written((int) result);
                    }
                } else {
                    result = tls.receive(loop, fd, inbound);
                }
                if (result > 0) {
                    deliver();
                }
            }
            if (result == 0) {
                close(new FerryException(ErrorCode.CLOSED, "connection closed by " + remote));
                return;
            }
            if (result < 0) {
                if (result != -Errno.EAGAIN) {
                    close(ioFailure("receiving from", (int) -result));
                }
                return;
            }
            if (result < asked && tls == null) {
                return;
            }
        }
    }

    /** Hands buffered bytes to the handler, or to the receive target, until neither can take more. */
    private void deliver() {
        delivering = true;
        try {
            deliverBuffered();
        } finally {
            delivering = false;
        }
    }

    private void deliverBuffered() {
        while (state == ConnectionState.OPEN) {
            if (direct != null) {
                if (directFilled < directEnd && inbound.readable() > 0) {
                    directFilled += inbound.copyTo(direct, directFilled, directEnd - directFilled);
                }
                if (directFilled < directEnd) {
                    return;
                }
                MemorySegment filled = direct;
                direct = null;
                handler.onReceivedInto(this, filled);
                continue;
            }
            if (inbound.readable() == 0) {
                return;
            }
            ByteBuffer shown = inbound.unread();
            handler.onReceive(this, shown);
            if (state == ConnectionState.CLOSED) {
                return;
            }
            int consumed = inbound.consumedTo(shown);
            if (consumed == 0 && direct == null) {
                return;
            }
        }
    }

    private void reportSent(long token) {
        handler.onSent(this, token);
    }

    private FerryException ioFailure(String what, int errno) {
        return new FerryException(ErrorCode.IO_ERROR, what + " " + remote + " failed: " + Errno.name(errno), errno, null);
    }

    @Override
    public String toString() {
        return "Connection[" + remote + ", " + state + "]";
    }
}
