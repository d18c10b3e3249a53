package io.ferry.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answers of a {@link FaultyHttpServer} that stands in front of a real server (nginx,
 * s3proxy): each request is sent on, through the JDK's HTTP client, and the whole answer relayed.
 * Hop-by-hop headers and those the client sets itself (Host among them) are not passed on, so a
 * signed S3 request does not survive the trip: forward to a server that accepts unsigned ones.
 */
final class Forwarder implements Answers, AutoCloseable {
    /** Headers of one connection, or that the JDK client refuses to take from the caller. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "content-length", "host", "expect", "date", "from", "via", "warning");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();

    Forwarder(URI upstream) {
        this.upstream = upstream;
    }

    @Override
    public Response answer(HttpRequestHead head, byte[] body, Fault.Kind rangeFault) throws IOException {
        if (rangeFault == Fault.Kind.WRONG_CONTENT_RANGE) {
            throw new UnsupportedOperationException("a forwarding server cannot misplace a range");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + head.target())).timeout(TIMEOUT)
                .method(head.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        head.headers().forEach((name, value) -> {
            boolean dropped = rangeFault == Fault.Kind.IGNORE_RANGE && name.equalsIgnoreCase("Range");
            if (!dropped && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the server closed while a request was forwarded");
        } catch (IOException e) {
            return Response.text(502, Response.reasonOf(502), "cannot forward to " + upstream + ": " + e + "\n");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.put(header.getKey(), String.join(", ", header.getValue()));
            }
        }
        if (head.isHead()) {
            return Response.headOnly(response.statusCode(), headers,
                    response.headers().firstValueAsLong("Content-Length").orElse(Response.UNKNOWN_LENGTH));
        }
        byte[] bytes = response.body();
        return new Response(response.statusCode(), Response.reasonOf(response.statusCode()), headers, bytes, 0, bytes.length);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
