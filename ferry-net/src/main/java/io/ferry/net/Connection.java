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
    static final int WATCH_READ = Epoll.EPOLLIN | Epoll.EPOLLRDHUP;

    private final NetLoop loop;
    private final int fd;
    private final InetSocketAddress remote;
    private final ConnectionHandler handler;
    private final Arena arena;
    private final InboundBuffer inbound;
    private final ConnectionReceiver receiver;
    private final ConnectionSender sender;
    private final ConnectionOpening opening;
    private final ConnectionEnding ending;
    /** The TLS session: from the start, or from {@link #startTls} on; null for plain TCP. */
    private TlsSession tls;
    private ConnectionState state;
    private int watching;
    /** Set while queued pieces wait for the end of the loop cycle. */
    boolean dirty;

    Connection(NetLoop loop, int fd, InetSocketAddress remote, ConnectionHandler handler, ConnectionOptions options,
               boolean connecting) {
        this.loop = loop;
        this.fd = fd;
        this.remote = remote;
        this.handler = Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        this.arena = Arena.ofShared();
        this.inbound = new InboundBuffer(arena.allocate(options.receiveBufferSize(), 4096));
        this.receiver = new ConnectionReceiver(this, fd, handler, inbound, options.directReadMin());
        this.sender = new ConnectionSender(this, fd, handler);
        this.opening = new ConnectionOpening(this, fd, handler, inbound, receiver, sender);
        this.ending = new ConnectionEnding(this, loop, fd, receiver);
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

    /** The peer for messages: {@code host:port} ({@link SocketAddresses#describe}). */
    String peer() {
        return SocketAddresses.describe(remote);
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

    /** How the connection opens; see {@link ConnectionOpening}. */
    ConnectionOpening opening() {
        return opening;
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
        receiver.receiveInto(target, offset, length);
    }

    /**
     * Bytes of the last {@link #receiveInto} range placed so far: all of it once reported, part of
     * it when the connection closed first (a protocol that resumes a cut transfer needs to know).
     */
    public long receivedIntoCount() {
        return receiver.receivedIntoCount();
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
        sender.send(data, offset, length, token);
    }

    /**
     * Queues {@code length} bytes of the open file {@code fileFd} from {@code offset}, sent with
     * sendfile(2) (no copy through user space; TLS reads and encrypts them). The descriptor must stay
     * open until {@code token} is reported (or the connection closed).
     */
    public void sendFile(int fileFd, long offset, long length, long token) {
        sender.sendFile(fileFd, offset, length, token);
    }

    /** Bytes queued and not yet written to the socket. */
    public long queuedBytes() {
        return sender.queuedBytes();
    }

    /** The end of a loop cycle: serves a receive target set outside a callback, and writes what was queued. */
    void cycleEnded() {
        dirty = false;
        if (state == ConnectionState.CLOSED) {
            return;
        }
        try {
            if (opening.cycleEnded()) {
                return;
            }
            receiver.cycleEnded();
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
        if (state != ConnectionState.OPEN || tls != null || !sender.isEmpty()) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "cannot start TLS on " + this
                    + (tls != null ? ": TLS is on already" : sender.isEmpty() ? "" : ": plain bytes are still queued"));
        }
        tls = new TlsSession(config, serverName, remote, arena);
        moveTo(ConnectionState.HANDSHAKING);
        opening.beginTlsLater();
    }

    /** Writes what is queued now, as far as the socket takes it; the rest goes when it has room. */
    public void flush() {
        if (state != ConnectionState.OPEN && state != ConnectionState.CLOSING) {
            return;
        }
        try {
            long result = sender.write();
            if (result < 0 && result != -Errno.EAGAIN) {
                FerryException cause = ioFailure("sending to", (int) -result);
                readWhatArrived();
                close(cause);
                return;
            }
        } catch (FerryException e) {
            close(e);
            return;
        }
        if (state == ConnectionState.CLOSING && sender.isDrained()) {
            ending.linger();
            return;
        }
        watchForQueue();
    }

    /**
     * Hands the handler what the peer sent before a reset failed a write: a peer that answers early
     * and closes with our bytes unread (an HTTP server refusing an upload, a target ending a
     * connection) resets it, and its answer, already in the kernel, is the reason the handler needs.
     */
    private void readWhatArrived() {
        if (state == ConnectionState.OPEN && !receiver.isDelivering()) {
            try {
                receiver.readable();
            } catch (RuntimeException e) {
                close(failure(e));
            }
        }
    }

    /**
     * Watches for reading (unless paused or closing: nothing is received then), and for room to write
     * while something waits to be written.
     */
    void watchForQueue() {
        int read = state == ConnectionState.CLOSING ? 0 : readInterest();
        watch(sender.isDrained() ? read : read | Epoll.EPOLLOUT);
    }

    /** The TLS session, or null for plain TCP (also before {@link #startTls}). */
    TlsSession tls() {
        return tls;
    }

    /**
     * Stops receiving, sends what is queued, shuts the write side and closes once the peer ended its
     * side too (at most 2 s later; what it sends meanwhile is dropped); the handler then hears
     * {@code cause} (null: an orderly end). Use it to end with a last message, such as an error
     * report: unlike {@link #close}, it cannot be lost to a reset. Before the connection is open,
     * this happens once it is.
     */
    public void shutdown(FerryException cause) {
        if (state == ConnectionState.CLOSING || state == ConnectionState.CLOSED) {
            return;
        }
        ending.requested(cause);
        if (state != ConnectionState.OPEN) {
            opening.shutdownWhenOpen();
            return;
        }
        moveTo(ConnectionState.CLOSING);
        flush();
    }

    /** Closes at once; queued pieces are dropped and the handler hears no cause. Idempotent. */
    public void close() {
        close(null);
    }

    /**
     * Closes at once; queued pieces are dropped and the handler hears {@code cause}. Idempotent. With
     * pieces still queued the connection is reset (RST): the peer would never get them, and a FIN sent
     * behind what the kernel still holds may never reach a peer that stopped reading (a zero window),
     * which would then notice nothing until its own timeout.
     */
    public void close(FerryException cause) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (!sender.isDrained()) {
            Sockets.resetOnClose(loop.errno(), fd, loop.scratch()); // a failure leaves the usual close
        }
        moveTo(ConnectionState.CLOSED);
        ending.closed();
        sender.clear();
        receiver.dropTarget();
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

    void moveTo(ConnectionState next) {
        loop.left(state);
        state = next;
        loop.entered(next);
    }

    /** What to watch for reading: nothing while paused (a peer's FIN or data waits in the kernel). */
    int readInterest() {
        return receiver.isPaused() ? 0 : WATCH_READ;
    }

    /**
     * Stops reading from the socket, for flow control: the handler cannot take more now (it waits for
     * memory, or for other connections). Bytes already buffered stay; the kernel's buffers fill and
     * TCP slows the peer down. A reset by the peer still closes the connection. Unlike a unit larger
     * than the receive buffer, a full buffer while paused is not an error.
     */
    public void pauseReceiving() {
        receiver.pause();
    }

    /** Reads again after {@link #pauseReceiving()}; buffered bytes are handed over when the loop cycle ends. */
    public void resumeReceiving() {
        receiver.resume();
    }

    /** Whether reading is paused by {@link #pauseReceiving()} and not yet resumed. */
    public boolean isReceivingPaused() {
        return receiver.isPaused();
    }

    void watch(int events) {
        if (events != watching && state != ConnectionState.CLOSED) {
            watching = events;
            loop.watch(this, events);
        }
    }

    @Override
    void onReady(int events) {
        try {
            if (state == ConnectionState.CONNECTING || state == ConnectionState.HANDSHAKING) {
                opening.onReady();
            } else if (ending.isLingering()) {
                ending.readable();
            } else if (state == ConnectionState.CLOSING) {
                flush(); // room to write, or an error the write will name
            } else {
                if ((events & (Epoll.EPOLLIN | Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR)) != 0) {
                    receiver.readable();
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
        return e instanceof FerryException f ? f : new FerryException(ErrorCode.IO_ERROR, "connection to " + peer() + ": " + e, e);
    }

    /** The cause the handler hears when a system call on the socket failed. */
    FerryException ioFailure(String what, int errno) {
        return new FerryException(ErrorCode.IO_ERROR, what + " " + peer() + " failed: " + Errno.name(errno), errno, null);
    }

    @Override
    public String toString() {
        return "Connection[" + peer() + ", " + state + "]";
    }
}
