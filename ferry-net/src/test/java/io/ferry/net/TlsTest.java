package io.ferry.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ferry.net.LoopDriver.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

class TlsTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static final Path certificate = TestCertificate.CERTIFICATE;
    private static final Path key = TestCertificate.KEY;

    private final NetLoop loop = NetLoop.open("tls");
    private final Arena arena = Arena.ofShared();
    private final List<Recorder> accepted = new ArrayList<>();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    private Listener tlsListener() {
        TlsConfig server = TlsConfig.server(certificate, key);
        return loop.listen(ANY_LOCAL, (listener, socket) -> {
            Recorder recorder = new Recorder();
            accepted.add(recorder);
            loop.adopt(socket, recorder, ConnectionOptions.tlsServer(server));
        });
    }

    private MemorySegment random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return arena.allocate(size).copyFrom(MemorySegment.ofArray(bytes));
    }

    @Test
    void shouldCarryEveryByteThroughTlsWithATrustedCertificate() {
        Listener listener = tlsListener();
        Recorder client = new Recorder();
        Connection connection = loop.connect(listener.localAddress(), client,
                ConnectionOptions.tlsClient(TlsConfig.client(certificate), "localhost"));
        MemorySegment data = random(6 << 20, 1);
        for (long offset = 0; offset < data.byteSize(); offset += 70_001) {
            connection.send(data, offset, Math.min(70_001, data.byteSize() - offset), offset);
        }
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().received.size() == data.byteSize(), loop);

        assertThat(client.connected).isTrue();
        Bytes.assertSame(accepted.getFirst().received.toByteArray(), data);
        // Replies flow the other way on the same session.
        MemorySegment reply = random(1 << 20, 2);
        accepted.getFirst().connection.send(reply);
        pollUntil(() -> client.received.size() == reply.byteSize(), loop);
        Bytes.assertSame(client.received.toByteArray(), reply);
    }

    @Test
    void shouldFillReceiveTargetsAndSendFilesOverTls(@TempDir Path directory) throws IOException {
        MemorySegment target = arena.allocate(3 << 20);
        Recorder server = new Recorder() {
            @Override
            public void onConnected(Connection connection) {
                super.onConnected(connection);
                connection.receiveInto(target);
            }
        };
        TlsConfig serverTls = TlsConfig.server(certificate, key);
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, server, ConnectionOptions.tlsServer(serverTls)));
        MemorySegment data = random((int) target.byteSize(), 3);
        Path file = directory.resolve("payload");
        Files.write(file, data.toArray(ValueLayout.JAVA_BYTE));
        int fd = FileDescriptors.open(file);
        try {
            Recorder client = new Recorder();
            Connection connection = loop.connect(listener.localAddress(), client,
                    ConnectionOptions.tlsClient(TlsConfig.client(certificate), "127.0.0.1"));
            connection.sendFile(fd, 0, data.byteSize(), 9);
            pollUntil(() -> server.filled.size() == 1 && client.sent.contains(9L), loop);

            Bytes.assertSame(target, data);
        } finally {
            FileDescriptors.close(fd);
        }
    }

    @Test
    void shouldFailTheHandshakeWhenTheNameDoesNotMatchTheCertificate() {
        Listener listener = tlsListener();
        Recorder client = new Recorder();
        loop.connect(listener.localAddress(), client, ConnectionOptions.tlsClient(TlsConfig.client(certificate), "example.org"));
        pollUntil(() -> client.closed, loop);

        assertThat(client.connected).isFalse();
        assertThat(client.closeCause).hasMessage("TLS with example.org failed: the peer's certificate is for another host name")
                .cause().isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void shouldFailTheHandshakeWhenTheCertificateIsNotTrusted() {
        Listener listener = tlsListener();
        Recorder client = new Recorder();
        loop.connect(listener.localAddress(), client, ConnectionOptions.tlsClient(TlsConfig.client(), "localhost"));
        pollUntil(() -> client.closed, loop);

        assertThat(client.closeCause)
                .hasMessage("TLS with localhost failed: the peer's certificate is not signed by an authority this process trusts");
    }

    @Test
    void shouldAcceptAnyCertificateOnlyWhenInsecure() {
        Listener listener = tlsListener();
        Recorder client = new Recorder();
        Connection connection = loop.connect(listener.localAddress(), client,
                ConnectionOptions.tlsClient(TlsConfig.insecureClient(), "example.org"));
        connection.send(arena.allocateFrom("hello"));
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().received.size() == 6, loop);

        assertThat(client.connected).isTrue();
    }

    @Test
    void shouldCloseAServerConnectionThatReceivesPlainText() {
        Listener listener = tlsListener();
        Recorder client = new Recorder();
        Connection connection = loop.connect(listener.localAddress(), client, ConnectionOptions.PLAIN);
        connection.send(arena.allocateFrom("GET / HTTP/1.1\r\n\r\n"));
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().closed && client.closed, loop);

        assertThat(accepted.getFirst().connected).isFalse();
        assertThat(accepted.getFirst().closeCause).hasMessageEndingWith("failed: the peer does not speak TLS")
                .cause().as("a handshake failure, which no caller retries").isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
}
