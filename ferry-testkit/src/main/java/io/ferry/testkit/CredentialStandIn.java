package io.ferry.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

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
    private final String service;
    private final LoopbackListener listener;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<IssuedCredentials> queued = new ArrayDeque<>();
    private final Deque<Response> failures = new ArrayDeque<>();
    private final List<IssuedCredentials> issued = new ArrayList<>();
    private Duration lifetime = Duration.ofHours(1);

    CredentialStandIn(String service) {
        this.service = service;
        this.listener = LoopbackListener.start(service.toLowerCase(Locale.ROOT) + "-stand-in", this::serve);
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    public URI endpoint() {
        return listener.origin();
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
        listener.close();
    }

    /** The answer to one request, as the real service gives it. */
    abstract Response answer(HttpRequestHead head, byte[] body);

    /** The next credentials to hand out: queued ones first, else new ones. */
    final synchronized IssuedCredentials nextCredentials() {
        IssuedCredentials next = queued.poll();
        if (next == null) {
            int n = issued.size() + 1;
            String prefix = service.toLowerCase(Locale.ROOT);
            next = new IssuedCredentials("ASIA" + service + n, prefix + "-secret-" + n, prefix + "-token-" + n,
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

    /** Serves the requests of one connection until the client closes it or asks to. */
    private void serve(Socket socket, int connection) throws IOException {
        HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()));
        ResponseWriter writer = new ResponseWriter(socket.getOutputStream());
        for (HttpRequestHead head = reader.readHead(); head != null; head = head.keepAlive() ? reader.readHead() : null) {
            byte[] body = reader.readBody(head);
            Response response;
            synchronized (this) {
                requests.add(head.record(connection, body.length));
                response = failures.poll();
            }
            writer.write(response != null ? response : answer(head, body), head.isHead(), head.keepAlive(), Long.MAX_VALUE);
        }
    }
}
