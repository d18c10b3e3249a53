package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable HTTP/1.1 server on 127.0.0.1 that serves named in-memory objects, records every
 * request and injects faults on demand: error statuses, resets, stalls and truncations in the
 * middle of a body, wrong or ignored ranges.
 *
 * <pre>{@code
 * try (FaultyHttpServer server = FaultyHttpServer.start()) {
 *     server.put("/data.bin", bytes);
 *     server.script().next(Fault.status(503, "Slow Down")).next(Fault.resetAfterBodyBytes(1000).on("GET"));
 *     client.download(server.uri("/data.bin"));                     // sees a 503, a reset, then succeeds
 *     assertThat(server.requests()).extracting(RecordedRequest::method).containsOnly("GET");
 * }
 * }</pre>
 *
 * <p>Normal answers: GET with {@code Range: bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}
 * answers 206 with its {@code Content-Range}, a range starting past the end 416 with
 * {@code Content-Range: bytes *}{@code /total}, no range (or several) 200 with the whole object;
 * HEAD answers as GET without the body; an unknown path 404 with a short text body; PUT stores its
 * body (sent with {@code Content-Length} or chunked) and answers 200; other methods 405.
 * Connections are kept alive unless the client sends {@code Connection: close};
 * {@code Expect: 100-continue} is honoured. A request that does not parse is answered 400 and its
 * connection closed. Faults are described by {@link Fault} and scheduled by {@link #script()}.
 *
 * <p>Objects have versions: each one stored gets a new ETag and Last-Modified, which answers carry
 * ({@link #sendEtags} turns ETags off), and GET and HEAD honour {@code If-Match} and
 * {@code If-Unmodified-Since} with 412 ({@link #checkPreconditions} turns that off, as some servers
 * do). {@link #forwardingTo} makes a server that passes every request on to a real one instead,
 * with the same script of faults, such as {@link Fault#holdUntil} for one range.
 *
 * <p>Each connection is served by a virtual thread; every method here is thread-safe.
 * {@link #close()} closes every connection, stalled ones included, and waits for their threads.
 */
public final class FaultyHttpServer implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("faulty-http-", 0).factory());
    /** The server's own objects; null when it forwards. */
    private final ObjectStore objects;
    private final Answers answers;
    private final FaultScript script = new FaultScript();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger acceptedConnections = new AtomicInteger();
    private volatile boolean closed;

    private FaultyHttpServer(ServerSocket serverSocket, ObjectStore objects, Answers answers) {
        this.serverSocket = serverSocket;
        this.objects = objects;
        this.answers = answers;
    }

    /** Starts a server of in-memory objects on a free port of 127.0.0.1, accepting connections when this returns. */
    public static FaultyHttpServer start() {
        ObjectStore objects = new ObjectStore();
        return start(objects, objects);
    }

    /**
     * Starts a server that forwards every request to {@code upstream} ({@code http://host:port},
     * for example {@link NginxServer#baseUri()} or {@link S3ProxyServer#endpoint()}) and relays the
     * answer, unless a fault of its script decides otherwise. Headers the JDK's HTTP client sets
     * itself, Host among them, are not forwarded: a signed S3 request fails there, so forward to
     * {@link S3ProxyServer#startAnonymous()}. A forwarding server has no objects of its own.
     */
    public static FaultyHttpServer forwardingTo(URI upstream) {
        String origin = upstream.getScheme() + "://" + upstream.getRawAuthority();
        return start(null, new Forwarder(URI.create(origin)));
    }

    private static FaultyHttpServer start(ObjectStore objects, Answers answers) {
        try {
            FaultyHttpServer server = new FaultyHttpServer(new ServerSocket(0, 128, Loopback.ADDRESS), objects, answers);
            server.threads.execute(server::acceptConnections);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + Loopback.HOST, e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code http://127.0.0.1:port/}. */
    public URI baseUri() {
        return Loopback.uri(port(), "/");
    }

    /** The URI of an object; characters not allowed in a URI path are quoted. */
    public URI uri(String path) {
        return Loopback.uri(port(), path);
    }

    /**
     * Serves {@code content} at {@code path} (for example {@code "/data.bin"}; a missing leading
     * slash is added), replacing what was there. The array is kept, not copied: do not change it.
     */
    public FaultyHttpServer put(String path, byte[] content) {
        ownObjects().put(absolute(path), content);
        return this;
    }

    /** What is stored at {@code path}: put there, or the body of the last PUT to it. */
    public Optional<byte[]> content(String path) {
        return Optional.ofNullable(ownObjects().get(absolute(path)));
    }

    /** Whether answers carry an ETag (they do unless turned off); Last-Modified is always sent. */
    public FaultyHttpServer sendEtags(boolean send) {
        ownObjects().sendEtags(send);
        return this;
    }

    /**
     * Whether GET and HEAD check {@code If-Match} and {@code If-Unmodified-Since} and answer 412
     * when they fail (they do unless turned off); some servers ignore both. {@code If-Match} is
     * ignored while ETags are off.
     */
    public FaultyHttpServer checkPreconditions(boolean check) {
        ownObjects().checkPreconditions(check);
        return this;
    }

    private ObjectStore ownObjects() {
        if (objects == null) {
            throw new IllegalStateException("a forwarding server has no objects of its own");
        }
        return objects;
    }

    /** The faults to inject, consulted once for every request. */
    public FaultScript script() {
        return script;
    }

    /** Every request received since the start or {@link #clearRequests()}, in order; each is recorded before it is answered. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Connections open now: a connection counts until its thread sees it closed (a stalled one included). */
    public int openConnections() {
        return connections.size();
    }

    public int requestCount() {
        synchronized (requests) {
            return requests.size();
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /**
     * Stops accepting, closes every connection and waits for their threads. Idempotent.
     *
     * @throws IllegalStateException if a connection's thread did not end within 5 s
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        connections.forEach(FaultyHttpServer::closeQuietly);
        threads.shutdownNow();
        if (answers instanceof Forwarder forwarder) {
            forwarder.close();
        }
        try {
            if (!threads.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("connection threads still running " + CLOSE_TIMEOUT.toMillis() + " ms after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptConnections() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                HttpConnection connection = new HttpConnection(
                        acceptedConnections.incrementAndGet(), socket, answers, script, this::record);
                threads.execute(() -> {
                    connection.run();
                    connections.remove(socket);
                });
            } catch (RejectedExecutionException closing) {
                return;
            } catch (IOException e) {
                // Closed by close(), or one failed accept: the loop condition decides.
            }
        }
    }

    private void record(RecordedRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
    }

    private static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
