package io.ferry.testkit;

import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback between a client (a stream's sender) and a server (its receiver) that can
 * reset one connection (a channel killed mid-transfer), flip one byte the client sent (a corrupt packet)
 * or stall a connection after a number of bytes (a transfer held in the middle). Connections are
 * numbered in the order they were accepted; each is copied by a thread of its own ({@link ProxyPipe}),
 * which pushes back on a side whose peer does not take its bytes, as a network does, and passes a reset
 * of either side on to the other at once, even then.
 */
public final class FaultyTcpProxy implements AutoCloseable {
    private static final long ACCEPT_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final InetSocketAddress target;
    private final List<ProxyPipe> pipes = new CopyOnWriteArrayList<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = LibC.newErrnoState(arena);
    private final MemorySegment scratch = arena.allocate(Sockets.SOCKADDR_SIZE + 8, 8);
    private final int listener;
    private final int port;
    private final Thread acceptor;
    private volatile boolean closed;
    volatile int corruptPipe = -1;
    volatile long corruptAt = -1;
    volatile int cappedPipe = -1;
    volatile long capBytes = Long.MAX_VALUE;

    public FaultyTcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        listener = Sockets.socket(errno, Sockets.AF_INET);
        if (listener < 0) {
            arena.close();
            throw new IOException("socket: errno " + -listener);
        }
        Sockets.setReuseAddress(errno, listener, scratch);
        int length = Sockets.encode(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), scratch);
        int result = Sockets.bind(errno, listener, scratch.address(), length);
        result = result < 0 ? result : Sockets.listen(errno, listener, 64);
        scratch.set(ValueLayout.JAVA_INT, Sockets.SOCKADDR_SIZE, Sockets.SOCKADDR_SIZE); // the address's room
        result = result < 0 ? result : Sockets.name(errno, listener, false, scratch.address(), scratch.address() + Sockets.SOCKADDR_SIZE);
        if (result < 0) {
            LibC.close(errno, listener);
            arena.close();
            throw new IOException("listening on 127.0.0.1: errno " + -result);
        }
        port = Sockets.decode(scratch).getPort();
        acceptor = Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Flips every bit of byte {@code index} that connection {@code pipe} carries from the sender. */
    public void corrupt(int pipe, long index) {
        corruptAt = index;
        corruptPipe = pipe;
    }

    /** Connection {@code pipe} carries at most {@code bytes} from the sender, then stalls until it is killed. */
    public void cap(int pipe, long bytes) {
        capBytes = bytes;
        cappedPipe = pipe;
    }

    /** Bytes connection {@code pipe} carried from the sender so far (0 before it exists). */
    public long forwarded(int pipe) {
        return pipe < pipes.size() ? pipes.get(pipe).upBytes() : 0;
    }

    /** Connections accepted so far. */
    public int connections() {
        return pipes.size();
    }

    /** Resets connection {@code pipe} on both sides, as a network fault would; returns once it is done. */
    public void kill(int pipe) {
        pipes.get(pipe).kill();
    }

    private void accept() {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment localErrno = LibC.newErrnoState(local);
            MemorySegment events = local.allocate(Epoll.EVENT_SIZE, 8);
            MemorySegment work = local.allocate(16, 8);
            int epfd = Epoll.create(localErrno);
            Epoll.add(localErrno, epfd, listener, Epoll.EPOLLIN, 0, work);
            while (!closed) {
                Epoll.await(localErrno, epfd, events, 1, ACCEPT_WAIT_NS, work);
                int client;
                while (!closed && (client = Sockets.accept(localErrno, listener, 0, 0)) >= 0) {
                    ProxyPipe pipe = new ProxyPipe(this, pipes.size(), client, target);
                    pipes.add(pipe);
                    pipe.start();
                }
            }
            LibC.close(localErrno, epfd);
        }
    }

    /** Stops accepting, resets every connection and waits for the proxy's threads. */
    @Override
    public void close() {
        closed = true;
        try {
            acceptor.join(10_000);
            for (ProxyPipe pipe : pipes) {
                pipe.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LibC.close(errno, listener);
        arena.close();
    }
}
