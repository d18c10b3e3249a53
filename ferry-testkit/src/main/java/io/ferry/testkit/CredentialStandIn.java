package io.ferry.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What the stand-ins for AWS credential services share: a real HTTP/1.1 server on 127.0.0.1 that
 * records every request, hands out temporary credentials and can be told to fail.
 *
 * <p>Credentials: those queued with {@link #issue} are handed out first, in order; after them,
 * each answer makes new ones ({@code ASIA<SERVICE>1}, {@code 2}, ...) that expire
 * {@link #lifetime} from now (one hour by default). Failures queued with {@link #failNext} answer
 * the next requests instead, each once. Each connection is served by a virtual thread; every
 * method is thread-safe and {@link #close()} is idempotent.
 */
public abstract sealed class CredentialStandIn implements AutoCloseable
        permits StsServer, SsoPortalServer, ContainerCredentialsServer, InstanceMetadataServer {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String service;
    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("stand-in-", 0).factory());
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<IssuedCredentials> queued = new ArrayDeque<>();
    private final Deque<Response> failures = new ArrayDeque<>();
    private final List<IssuedCredentials> issued = new ArrayList<>();
    private Duration lifetime = Duration.ofHours(1);
    private volatile boolean closed;

    CredentialStandIn(String service) {
        this.service = service;
        try {
            serverSocket = new ServerSocket(0, 64, Loopback.ADDRESS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + Loopback.HOST, e);
        }
        threads.execute(this::acceptConnections);
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    public URI endpoint() {
        return Loopback.origin(serverSocket.getLocalPort());
    }

    /** Hands out these credentials before any other, after those queued earlier. */
    public synchronized CredentialStandIn issue(IssuedCredentials credentials) {
        queued.add(credentials);
        return this;
    }

    /** How long the credentials made from now on last (one hour unless set). */
    public synchronized CredentialStandIn lifetime(Duration newLifetime) {
        lifetime = newLifetime;
        return this;
    }

    /** Answers the next request (of any kind) with this status and body, instead of serving it. */
    public synchronized CredentialStandIn failNext(int status, String contentType, String body) {
        failures.add(Response.typed(status, contentType, body));
        return this;
    }

    /** The credentials handed out so far, in order. */
    public synchronized List<IssuedCredentials> issued() {
        return List.copyOf(issued);
    }

    /** Every request received, in order; each is recorded before it is answered. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Stops accepting, closes every connection and waits for their threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(serverSocket);
        connections.forEach(CredentialStandIn::closeQuietly);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(service + " stand-in threads still running " + CLOSE_TIMEOUT.toMillis() + " ms after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The answer to one request, as the real service gives it. */
    abstract Response answer(HttpRequestHead head, byte[] body);

    /** The next credentials to hand out: queued ones first, else new ones. */
    final synchronized IssuedCredentials nextCredentials() {
        IssuedCredentials next = queued.poll();
        if (next == null) {
            int n = issued.size() + 1;
            next = new IssuedCredentials("ASIA" + service + n, service.toLowerCase() + "-secret-" + n, service.toLowerCase() + "-token-" + n,
                    Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
        }
        issued.add(next);
        return next;
    }

    /** A JSON string literal of {@code text}. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private void acceptConnections() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                threads.execute(() -> {
                    serve(socket);
                    connections.remove(socket);
                });
            } catch (RejectedExecutionException | IOException closing) {
                // close() ended the server, or one accept failed: the loop condition decides.
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()));
            ResponseWriter writer = new ResponseWriter(socket.getOutputStream());
            for (HttpRequestHead head = reader.readHead(); head != null; head = head.keepAlive() ? reader.readHead() : null) {
                byte[] body = reader.readBody(head);
                Response response;
                synchronized (this) {
                    requests.add(head.record(0, body.length));
                    response = failures.poll();
                }
                writer.write(response != null ? response : answer(head, body), head.isHead(), head.keepAlive(), Long.MAX_VALUE);
            }
        } catch (IOException gone) {
            // The client closed or the request did not parse: the connection ends.
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
