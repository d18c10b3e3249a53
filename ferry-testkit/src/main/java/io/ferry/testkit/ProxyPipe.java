package io.ferry.testkit;

import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection of a {@link FaultyTcpProxy}: the client's socket and the one to the server, copied
 * both ways by a thread of its own over epoll and non-blocking sockets, through a 64 KiB buffer per
 * direction. A side is read only while its buffer is empty, so a peer that takes nothing pushes back
 * on the other side as a network would; errors are reported by epoll whatever was asked, so a reset
 * of either side is seen even then and passed on to the other at once (SO_LINGER 0). An end of stream
 * is passed on once the bytes before it were.
 */
final class ProxyPipe {
    private static final int BUFFER = 64 * 1024;
    private static final int EINPROGRESS = 115;
    private static final long WAIT_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long CLIENT = 0;
    private static final long SERVER = 1;

    private final FaultyTcpProxy proxy;
    private final int index;
    private final int client;
    private final InetSocketAddress target;
    private final AtomicLong upBytes = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean killed;
    private Thread thread;

    ProxyPipe(FaultyTcpProxy proxy, int index, int client, InetSocketAddress target) {
        this.proxy = proxy;
        this.index = index;
        this.client = client;
        this.target = target;
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("proxy-pipe-" + index).start(this::run);
    }

    long upBytes() {
        return upBytes.get();
    }

    /** Resets both sides and waits (at most 10 s) until the pipe's thread has ended. */
    void kill() {
        killed = true;
        try {
            ended.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One direction: bytes read from one side, waiting to be written to the other. */
    private static final class Direction {
        final MemorySegment buffer;
        long start;
        long end;
        boolean ended;
        boolean shut;

        Direction(Arena arena) {
            buffer = arena.allocate(BUFFER, 8);
        }

        boolean isEmpty() {
            return start == end;
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            MemorySegment scratch = arena.allocate(Sockets.SOCKADDR_SIZE + 16, 8);
            MemorySegment events = arena.allocate(2L * Epoll.EVENT_SIZE, 8);
            Direction up = new Direction(arena);
            Direction down = new Direction(arena);
            int server = Sockets.socket(errno, Sockets.AF_INET);
            int epfd = Epoll.create(errno);
            int connect = server < 0 ? server : Sockets.connect(errno, server, scratch.address(), Sockets.encode(target, scratch));
            boolean connected = connect >= 0;
            if (server < 0 || (connect < 0 && connect != -EINPROGRESS)) {
                end(errno, scratch, server, true);
                LibC.close(errno, epfd);
                return;
            }
            Epoll.add(errno, epfd, client, 0, CLIENT, scratch);
            Epoll.add(errno, epfd, server, Epoll.EPOLLOUT, SERVER, scratch);
            boolean reset = false;
            while (!killed && !(up.shut && down.shut)) {
                boolean hungUpWithBytesWaiting = false;
                boolean held = proxy.cappedPipe == index && upBytes.get() >= proxy.capBytes;
                Epoll.modify(errno, epfd, client, (up.isEmpty() && !up.ended && !held ? Epoll.EPOLLIN : 0)
                        | (down.isEmpty() ? 0 : Epoll.EPOLLOUT), CLIENT, scratch);
                Epoll.modify(errno, epfd, server, !connected ? Epoll.EPOLLOUT
                        : (down.isEmpty() && !down.ended ? Epoll.EPOLLIN : 0) | (up.isEmpty() ? 0 : Epoll.EPOLLOUT), SERVER, scratch);
                int ready = Epoll.await(errno, epfd, events, 2, WAIT_NS, scratch);
                for (int i = 0; i < ready && !reset; i++) {
                    int what = Epoll.events(events, i);
                    boolean isClient = Epoll.data(events, i) == CLIENT;
                    int fd = isClient ? client : server;
                    if ((what & Epoll.EPOLLERR) != 0) {
                        reset = true;
                    } else if (!isClient && !connected) {
                        connected = Sockets.pendingError(errno, server, scratch) == 0;
                        reset = !connected;
                    } else {
                        // epoll reports a hang-up at every wait; while its bytes cannot be read yet, wait a little.
                        hungUpWithBytesWaiting |= (what & Epoll.EPOLLHUP) != 0 && !(isClient ? up : down).isEmpty();
                        reset = (what & (Epoll.EPOLLIN | Epoll.EPOLLHUP)) != 0
                                && !read(errno, fd, isClient ? up : down, isClient, (what & Epoll.EPOLLHUP) != 0)
                                || (what & Epoll.EPOLLOUT) != 0 && !write(errno, isClient ? client : server, isClient ? down : up);
                    }
                }
                if (reset) {
                    break;
                }
                passEnd(errno, server, up);
                passEnd(errno, client, down);
                if (hungUpWithBytesWaiting) {
                    LockSupport.parkNanos(WAIT_NS);
                }
            }
            end(errno, scratch, server, reset || killed);
            LibC.close(errno, epfd);
        } finally {
            ended.countDown();
        }
    }

    /**
     * Reads what {@code fd} has into {@code direction}'s empty buffer; false when the socket failed, or
     * when a stalled client hung up (the connection is then reset, as it stalls until killed).
     */
    private boolean read(MemorySegment errno, int fd, Direction direction, boolean fromClient, boolean hangup) {
        if (!direction.isEmpty() || direction.ended) {
            return true;
        }
        long room = BUFFER;
        long before = upBytes.get();
        if (fromClient && proxy.cappedPipe == index) {
            room = Math.min(room, Math.max(0, proxy.capBytes - before));
            if (room == 0) {
                return !hangup;
            }
        }
        long n = Sockets.read(errno, fd, direction.buffer.address(), room);
        if (n == -Errno.EAGAIN) {
            return true;
        }
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            direction.ended = true;
            return true;
        }
        if (fromClient) {
            long flip = proxy.corruptAt;
            if (proxy.corruptPipe == index && flip >= before && flip < before + n) {
                long at = flip - before;
                direction.buffer.set(ValueLayout.JAVA_BYTE, at, (byte) ~direction.buffer.get(ValueLayout.JAVA_BYTE, at));
            }
            upBytes.addAndGet(n);
        }
        direction.start = 0;
        direction.end = n;
        return true;
    }

    /** Writes what {@code direction} holds to {@code fd}, as far as it takes it; false when the socket failed. */
    private static boolean write(MemorySegment errno, int fd, Direction direction) {
        if (direction.isEmpty()) {
            return true;
        }
        long n = Sockets.send(errno, fd, direction.buffer.address() + direction.start, direction.end - direction.start);
        if (n == -Errno.EAGAIN) {
            return true;
        }
        if (n < 0) {
            return false;
        }
        direction.start += n;
        return true;
    }

    /** Shuts {@code fd}'s sending side once {@code direction}'s source ended and its bytes went out. */
    private static void passEnd(MemorySegment errno, int fd, Direction direction) {
        if (direction.ended && direction.isEmpty() && !direction.shut) {
            Sockets.shutdownOutput(errno, fd);
            direction.shut = true;
        }
    }

    /** Closes both sockets, with a reset when asked (each end then hears ECONNRESET). */
    private void end(MemorySegment errno, MemorySegment scratch, int server, boolean reset) {
        for (int fd : new int[] {client, server}) {
            if (fd >= 0) {
                if (reset) {
                    Sockets.resetOnClose(errno, fd, scratch);
                }
                LibC.close(errno, fd);
            }
        }
    }
}
