package io.ferry.testkit;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between a client (a stream's sender) and a server (its receiver) that can
 * reset one connection (a channel killed mid-transfer), flip one byte the client sent (a corrupt packet)
 * or stall a connection after a number of bytes (a transfer held in the middle). Test threads do
 * the blocking copies; connections are numbered in the order they were accepted.
 */
public final class FaultyTcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile int corruptPipe = -1;
    private volatile long corruptAt = -1;
    private volatile int cappedPipe = -1;
    private volatile long capBytes = Long.MAX_VALUE;

    public FaultyTcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
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
        return pipe < pipes.size() ? pipes.get(pipe).upBytes.get() : 0;
    }

    /** Connections accepted so far. */
    public int connections() {
        return pipes.size();
    }

    /** Resets connection {@code pipe} on both sides, as a network fault would. */
    public void kill(int pipe) {
        pipes.get(pipe).reset();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                Pipe pipe = new Pipe(pipes.size(), client, upstream);
                pipes.add(pipe);
                pipe.start();
            }
        } catch (IOException closed) {
            // The proxy was closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pipe pipe : pipes) {
            pipe.reset();
        }
        try {
            acceptor.join(10_000);
            for (Pipe pipe : pipes) {
                pipe.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Pipe {
        final int index;
        final Socket client;
        final Socket upstream;
        final AtomicLong upBytes = new AtomicLong();
        /** Released when the pipe is reset: a capped copy waits on it. */
        final CountDownLatch stalled = new CountDownLatch(1);
        Thread up;
        Thread down;

        Pipe(int index, Socket client, Socket upstream) {
            this.index = index;
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            up = Thread.ofPlatform().daemon().name("proxy-up-" + index).start(() -> copy(client, upstream, true));
            down = Thread.ofPlatform().daemon().name("proxy-down-" + index).start(() -> copy(upstream, client, false));
        }

        private void copy(Socket from, Socket to, boolean fromSender) {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (fromSender) {
                        long at = upBytes.get();
                        long flip = corruptAt;
                        if (corruptPipe == index && flip >= at && flip < at + n) {
                            buffer[(int) (flip - at)] ^= (byte) 0xff;
                        }
                        if (cappedPipe == index && at + n > capBytes) {
                            out.write(buffer, 0, (int) Math.max(0, capBytes - at));
                            upBytes.set(Math.max(at, capBytes));
                            stalled.await();
                            return;
                        }
                        upBytes.addAndGet(n);
                    }
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException ended) {
                reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Closes both sockets with a reset (SO_LINGER 0), so each end hears ECONNRESET. */
        void reset() {
            stalled.countDown();
            for (Socket socket : List.of(client, upstream)) {
                try {
                    socket.setSoLinger(true, 0);
                    socket.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }

        void join() throws InterruptedException {
            up.join(10_000);
            down.join(10_000);
        }
    }
}
