package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A listening socket on 127.0.0.1 whose connections are each served by a virtual thread, for the
 * in-process servers of the kit. {@link #close()} stops accepting, closes every socket it tracks
 * (accepted ones, and others a server registers with {@link #track}) and waits for the threads.
 */
final class LoopbackListener implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Serves one accepted connection, numbered from 1 in the order of acceptance; the socket is closed afterwards. */
    @FunctionalInterface
    interface ConnectionHandler {
        void serve(Socket socket, int number) throws IOException;
    }

    private final String name;
    private final ServerSocket serverSocket;
    private final ConnectionHandler handler;
    private final ExecutorService threads;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoopbackListener(String name, ServerSocket serverSocket, ConnectionHandler handler) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
    }

    /** Listens on a free port and accepts connections from when this returns. */
    static LoopbackListener start(String name, ConnectionHandler handler) {
        try {
            LoopbackListener listener = new LoopbackListener(name, new ServerSocket(0, 64, Loopback.ADDRESS), handler);
            listener.threads.execute(listener::acceptConnections);
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + Loopback.HOST, e);
        }
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    URI origin() {
        return Loopback.origin(serverSocket.getLocalPort());
    }

    /** Closes {@code socket} too when the listener closes; {@link #untrack} it once it is closed. */
    void track(Socket socket) {
        sockets.add(socket);
    }

    void untrack(Socket socket) {
        sockets.remove(socket);
    }

    /**
     * Stops accepting, closes every tracked socket and waits for the connection threads. Idempotent.
     *
     * @throws IllegalStateException if a connection's thread did not end within 5 s
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(serverSocket);
        sockets.forEach(LoopbackListener::closeQuietly);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " threads still running " + CLOSE_TIMEOUT.toMillis() + " ms after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptConnections() {
        int accepted = 0;
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                track(socket);
                int number = ++accepted;
                threads.execute(() -> serve(socket, number));
            } catch (RejectedExecutionException | IOException closing) {
                // close() ended the listener, or one accept failed: the loop condition decides.
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            handler.serve(socket, number);
        } catch (IOException gone) {
            // The peer closed or reset the connection, or the listener is closing.
        } finally {
            untrack(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing anyway.
        }
    }
}
