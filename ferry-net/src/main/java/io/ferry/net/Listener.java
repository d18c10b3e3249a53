package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;

/**
 * A listening TCP socket of a {@link NetLoop}: each poll of the loop accepts what waits (a bounded
 * number per cycle) and gives each socket to the {@link AcceptHandler}. Running out of descriptors
 * (EMFILE, ENFILE) or memory is not fatal: the socket stays queued in the kernel and is tried again
 * next cycle.
 *
 * <p>Threads: the loop's thread.
 */
public final class Listener extends Selectable {
    private static final int MAX_ACCEPTS_PER_READY = 64;
    private static final int LISTEN_BACKLOG = 1024;
    private static final int EMFILE = 24;
    private static final int ENFILE = 23;
    private static final int ECONNABORTED = 103;

    private final NetLoop loop;
    private final int fd;
    private final InetSocketAddress local;
    private final AcceptHandler handler;
    private boolean closed;
    private long accepted;

    /**
     * A socket bound to {@code address} and listening, for {@code loop}; see {@link NetLoop#listen}.
     *
     * @throws FerryException when the socket cannot be made, bound or listened on
     */
    static Listener open(NetLoop loop, InetSocketAddress address, AcceptHandler handler) {
        MemorySegment errno = loop.errno();
        MemorySegment scratch = loop.scratch();
        MemorySegment sockaddr = loop.sockaddr();
        int fd = Sockets.socket(errno, address.getAddress() instanceof java.net.Inet4Address ? Sockets.AF_INET : Sockets.AF_INET6);
        if (fd < 0) {
            throw Errno.failure("socket", "listening on " + SocketAddresses.describe(address), -fd);
        }
        Sockets.setReuseAddress(errno, fd, scratch);
        int length = Sockets.encode(address, sockaddr);
        int result = Sockets.bind(errno, fd, sockaddr.address(), length);
        if (result == 0) {
            result = Sockets.listen(errno, fd, LISTEN_BACKLOG);
        }
        if (result == 0) {
            scratch.set(ValueLayout.JAVA_INT, 0, Sockets.SOCKADDR_SIZE);
            result = Sockets.name(errno, fd, false, sockaddr.address(), scratch.address());
        }
        if (result < 0) {
            LibC.close(errno, fd);
            throw new FerryException(ErrorCode.IO_ERROR, "cannot listen on " + SocketAddresses.describe(address) + ": "
                    + Errno.name(-result), -result, null);
        }
        return new Listener(loop, fd, Sockets.decode(sockaddr), handler);
    }

    private Listener(NetLoop loop, int fd, InetSocketAddress local, AcceptHandler handler) {
        this.loop = loop;
        this.fd = fd;
        this.local = local;
        this.handler = handler;
    }

    /** The address it listens on (with the port the kernel chose when asked for port 0). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Sockets accepted so far. */
    public long acceptedCount() {
        return accepted;
    }

    /** Whether the listener is closed: by {@link #close()}, or after a failure its handler was told of. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    int fd() {
        return fd;
    }

    @Override
    void onReady(int events) {
        for (int i = 0; i < MAX_ACCEPTS_PER_READY && !closed; i++) {
            loop.scratch().set(java.lang.foreign.ValueLayout.JAVA_INT, 0, Sockets.SOCKADDR_SIZE);
            int socket = Sockets.accept(loop.errno(), fd, loop.sockaddr().address(), loop.scratch().address());
            if (socket < 0) {
                int errno = -socket;
                if (errno != Errno.EAGAIN && errno != Errno.EINTR && errno != ECONNABORTED && errno != EMFILE
                        && errno != ENFILE && errno != Errno.ENOMEM) {
                    close(new FerryException(ErrorCode.IO_ERROR, "accepting on " + SocketAddresses.describe(local) + " failed: " + Errno.name(errno), errno, null));
                }
                return;
            }
            accepted++;
            Sockets.setNoDelay(loop.errno(), socket, loop.scratch());
            AcceptedSocket acceptedSocket = new AcceptedSocket(socket, Sockets.decode(loop.sockaddr()), local);
            try {
                handler.onAccepted(this, acceptedSocket);
            } catch (RuntimeException e) {
                acceptedSocket.close();
                loop.report(e);
            }
        }
    }

    /** Stops listening; sockets accepted before are not affected. Idempotent. */
    public void close() {
        close(null);
    }

    private void close(FerryException cause) {
        if (closed) {
            return;
        }
        closed = true;
        loop.forget(this);
        LibC.close(loop.errno(), fd);
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

    /** Watches for sockets to accept. */
    void started() {
        loop.watch(this, Epoll.EPOLLIN);
    }

    @Override
    public String toString() {
        return "Listener[" + SocketAddresses.describe(local) + (closed ? ", closed" : "") + "]";
    }
}
