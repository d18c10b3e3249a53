package io.ferry.nvmf.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a target, to lose connections as a host sees them: once the
 * bytes relayed (both ways, all connections) reach a mark, every connection is reset, and the relay
 * either keeps listening, closes the next connections at once (a target that comes back late), or
 * stops listening for good (a target that went away). Or it freezes: nothing more is relayed and new
 * connections are accepted but never answered (a target process that was stopped). Test threads copy
 * the bytes.
 */
public final class CuttingProxy implements AutoCloseable {
    private static final long NEVER = Long.MAX_VALUE;

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile long cutAt = NEVER;
    private volatile int refuseAfterCut;
    private volatile boolean stopAfterCut;
    private volatile boolean closed;
    private volatile boolean frozen;
    private final CountDownLatch closing = new CountDownLatch(1);

    private CuttingProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy-accept").start(this::accept);
    }

    public static CuttingProxy start(InetSocketAddress upstream) throws IOException {
        return new CuttingProxy(upstream);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes relayed so far, both ways. */
    public long relayed() {
        return relayed.get();
    }

    /** Connections accepted and relayed (the refused ones not counted). */
    public int accepted() {
        return accepted.get();
    }

    /** Connections closed at once after a cut. */
    public int refusals() {
        return refusals.get();
    }

    /** Cuts made so far. */
    public int cuts() {
        return cuts.get();
    }

    /** Resets every connection once {@code bytes} more have been relayed; then closes the next {@code refuse} connections at once. */
    public void cutAfter(long bytes, int refuse) {
        refuseAfterCut = refuse;
        stopAfterCut = false;
        cutAt = relayed.get() + bytes;
    }

    /** Resets every connection once {@code bytes} more have been relayed, and stops listening. */
    public void vanishAfter(long bytes) {
        stopAfterCut = true;
        cutAt = relayed.get() + bytes;
    }

    /** Relays nothing more, on any connection, until closed; new connections are accepted and left unanswered. */
    public void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (frozen) {
                sockets.add(client);
                continue;
            }
            if (refuseAfterCut > 0 && cuts.get() > 0) {
                refuseAfterCut--;
                refusals.incrementAndGet();
                reset(client);
                continue;
            }
            try {
                Socket target = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(client);
                sockets.add(target);
                accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> pump(client, target));
                Thread.ofVirtual().start(() -> pump(target, client));
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0 && !frozen) {
                out.write(buffer, 0, n);
                if (relayed.addAndGet(n) >= cutAt) {
                    cut();
                    return;
                }
            }
        } catch (IOException e) {
            // the other side or a cut closed it
        } finally {
            if (frozen) {
                holdUntilClosed(); // a stopped target neither answers nor closes
            }
            reset(from);
            reset(to);
        }
    }

    private void holdUntilClosed() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void cut() {
        if (cutAt == NEVER) {
            return;
        }
        cutAt = NEVER;
        if (stopAfterCut) {
            closeServer();
        }
        cuts.incrementAndGet();
        for (Socket socket : sockets) {
            reset(socket);
        }
        sockets.clear();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private void closeServer() {
        closed = true;
        closing.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeServer();
        for (Socket socket : sockets) {
            reset(socket);
        }
    }
}
