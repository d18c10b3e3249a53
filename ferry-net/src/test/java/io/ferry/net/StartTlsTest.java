package io.ferry.net;

import io.ferry.FerryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static io.ferry.net.LoopDriver.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS started on a plain connection after plain bytes, as through an HTTP proxy's CONNECT: a gate
 * answers "HELLO" with "GO" in plain text, then relays every byte to a TLS server.
 */
@Timeout(60)
class StartTlsTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static final Path certificate = TestCertificate.CERTIFICATE;
    private static final Path key = TestCertificate.KEY;

    private final NetLoop loop = NetLoop.open("starttls");
    private final Arena arena = Arena.ofShared();
    private final Recorder server = new Recorder();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    /** Copies what arrives on its connection to {@code peer}, through memory of its own. */
    private static class Pipe implements ConnectionHandler {
        Connection peer;

        @Override
        public void onReceive(Connection connection, ByteBuffer received) {
            MemorySegment copy = Arena.ofAuto().allocate(received.remaining());
            copy.copyFrom(MemorySegment.ofBuffer(received));
            received.position(received.limit());
            peer.send(copy);
        }

        @Override
        public void onClosed(Connection connection, FerryException cause) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    /** Answers HELLO with GO, then pipes both ways to the TLS server. */
    private final class Gate extends Pipe {
        private final InetSocketAddress upstream;

        Gate(InetSocketAddress upstream) {
            this.upstream = upstream;
        }

        @Override
        public void onReceive(Connection connection, ByteBuffer received) {
            if (peer != null) {
                super.onReceive(connection, received);
                return;
            }
            if (received.remaining() < 6) {
                return;
            }
            received.position(received.position() + 6);
            Pipe back = new Pipe();
            back.peer = connection;
            peer = loop.connect(upstream, back, ConnectionOptions.PLAIN);
            connection.send(arena.allocateFrom("GO\n", StandardCharsets.US_ASCII).asSlice(0, 3));
        }
    }

    private InetSocketAddress gate() {
        TlsConfig serverTls = TlsConfig.server(certificate, key);
        Listener tls = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, server, ConnectionOptions.tlsServer(serverTls)));
        Listener plain = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, new Gate(tls.localAddress()), ConnectionOptions.PLAIN));
        return plain.localAddress();
    }

    /** Says HELLO, starts TLS to localhost once GO arrived, and counts its onConnected calls. */
    private static final class Client extends Recorder {
        private final TlsConfig tls;
        int connects;
        boolean tlsStarted;

        Client(TlsConfig tls) {
            this.tls = tls;
        }

        @Override
        public void onConnected(Connection connection) {
            super.onConnected(connection);
            if (++connects == 1) {
                connection.send(Arena.ofAuto().allocateFrom("HELLO\n", StandardCharsets.US_ASCII).asSlice(0, 6));
            }
        }

        @Override
        public void onReceive(Connection connection, ByteBuffer bytes) {
            if (tlsStarted) {
                super.onReceive(connection, bytes);
            } else if (bytes.remaining() >= 3) {
                bytes.position(bytes.position() + 3);
                tlsStarted = true;
                connection.startTls(tls, "localhost");
            }
        }
    }

    @Test
    void shouldCarryEveryByteThroughTlsStartedAfterPlainBytes() {
        Client client = new Client(TlsConfig.client(certificate));
        Connection connection = loop.connect(gate(), client, ConnectionOptions.PLAIN);
        pollUntil(() -> client.connects == 2 || client.closed, loop);
        assertThat(client.closeCause).isNull();
        assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);

        byte[] bytes = new byte[3 << 20];
        new Random(7).nextBytes(bytes);
        MemorySegment data = arena.allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
        connection.send(data, 1);
        pollUntil(() -> server.received.size() == bytes.length, loop);
        Bytes.assertSame(server.received.toByteArray(), data);
        MemorySegment reply = arena.allocate(1 << 20).copyFrom(MemorySegment.ofArray(bytes).asSlice(0, 1 << 20));
        server.connection.send(reply);
        pollUntil(() -> client.received.size() == reply.byteSize(), loop);
        Bytes.assertSame(client.received.toByteArray(), reply);
    }

    @Test
    void shouldCheckTheCertificateAgainstTheNameGivenToStartTls() {
        Client client = new Client(TlsConfig.client());
        loop.connect(gate(), client, ConnectionOptions.PLAIN);
        pollUntil(() -> client.closed, loop);

        assertThat(client.connects).isEqualTo(1);
        assertThat(client.closeCause).hasMessageContaining("TLS with localhost failed");
    }

    @Test
    void shouldRefuseToStartTlsTwiceOrBeforeTheConnectionIsOpen() {
        Recorder client = new Recorder();
        Connection connection = loop.connect(gate(), client, ConnectionOptions.PLAIN);
        TlsConfig tls = TlsConfig.client(certificate);
        assertThatThrownBy(() -> connection.startTls(tls, "localhost")).hasMessageContaining("cannot start TLS");
        pollUntil(() -> client.connected, loop);
        assertThatThrownBy(() -> connection.startTls(tls, null)).hasMessageContaining("server's name");
        connection.startTls(tls, "localhost");
        assertThatThrownBy(() -> connection.startTls(tls, "localhost")).hasMessageContaining("cannot start TLS");
    }
}
