package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ferry.net.LoopDriver.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final NetLoop loop = NetLoop.open("test");
    private final Arena arena = Arena.ofShared();
    private final List<Recorder> accepted = new ArrayList<>();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    /** A listener whose connections record what they receive. */
    private Listener recordingListener() {
        return loop.listen(ANY_LOCAL, (listener, socket) -> {
            Recorder recorder = new Recorder();
            accepted.add(recorder);
            loop.adopt(socket, recorder, ConnectionOptions.PLAIN);
        });
    }

    private MemorySegment random(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        MemorySegment segment = arena.allocate(size);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment;
    }

    @Test
    void shouldDeliverEveryByteSentInOrderAndReportEachToken() {
        Listener listener = recordingListener();
        Recorder client = new Recorder();
        Connection connection = loop.connect(listener.localAddress(), client, ConnectionOptions.PLAIN);
        MemorySegment data = random(8 << 20, 1);
        long piece = 100_003;
        for (long offset = 0, token = 0; offset < data.byteSize(); offset += piece, token++) {
            connection.send(data, offset, Math.min(piece, data.byteSize() - offset), token);
        }
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().received.size() == data.byteSize(), loop);

        Bytes.assertSame(accepted.getFirst().received.toByteArray(), data);
        assertThat(client.connected).isTrue();
        assertThat(client.sent).hasSize((int) ((data.byteSize() + piece - 1) / piece)).isSorted();
        assertThat(connection.queuedBytes()).isZero();
    }

    @Test
    void shouldPushBackOnThePeerWhilePausedAndDeliverEverythingAfterResuming() {
        // A handler that waits (takes nothing) from the first bytes on, until told to go on.
        boolean[] taking = {false};
        Recorder server = new Recorder() {
            @Override
            public void onReceive(Connection connection, ByteBuffer bytes) {
                if (taking[0]) {
                    super.onReceive(connection, bytes);
                } else {
                    this.connection = connection;
                    connection.pauseReceiving();
                }
            }
        };
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, server, ConnectionOptions.PLAIN));
        Connection client = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        MemorySegment data = random(32 << 20, 7);
        client.send(data, 0);
        pollUntil(() -> server.connection != null && server.connection.isReceivingPaused(), loop);
        for (int i = 0; i < 200; i++) {
            loop.poll();
        }
        assertThat(client.queuedBytes()).as("the peer was pushed back").isPositive();
        assertThat(server.connection.isOpen()).as("a full buffer while paused is no error").isTrue();

        taking[0] = true;
        server.connection.resumeReceiving();
        pollUntil(() -> server.received.size() == data.byteSize(), loop);
        Bytes.assertSame(server.received.toByteArray(), data);
        assertThat(server.closed).isFalse();
    }

    @Test
    void shouldPlaceLargePayloadsInMemoryAndLeaveTheRestToTheParser() {
        // Frames: a 4-byte length, then that many payload bytes, received into a segment of their own.
        List<MemorySegment> payloads = new ArrayList<>();
        int[] sizes = {5, 70_000, 3, 1 << 20, 16 * 1024, 16 * 1024 - 1};
        ConnectionHandler framed = new Recorder() {
            @Override
            public void onReceive(Connection connection, ByteBuffer bytes) {
                if (bytes.remaining() < 4) {
                    return;
                }
                int length = bytes.getInt();
                MemorySegment payload = arena.allocate(length);
                payloads.add(payload);
                connection.receiveInto(payload);
            }
        };
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, framed, ConnectionOptions.PLAIN));
        Connection connection = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        List<MemorySegment> sent = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            MemorySegment header = arena.allocate(4);
            header.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0, sizes[i]);
            MemorySegment payload = random(sizes[i], i);
            sent.add(payload);
            connection.send(header);
            connection.send(payload);
        }
        pollUntil(() -> payloads.size() == sizes.length && payloads.getLast().byteSize() == sizes[sizes.length - 1]
                && accepted.isEmpty(), loop);
        pollUntil(() -> connection.queuedBytes() == 0, loop);
        loop.poll();

        for (int i = 0; i < sizes.length; i++) {
            Bytes.assertSame(payloads.get(i), sent.get(i));
        }
    }

    @Test
    void shouldPlacePayloadsInRangesOfOneSegmentWithoutTouchingTheRest() {
        MemorySegment pool = arena.allocate(1 << 20);
        pool.fill((byte) 0x5A);
        long[][] ranges = {{100, 20_000}, {300_000, 5}, {500_000, 400_000}};
        Recorder server = new Recorder() {
            int next;

            @Override
            public void onConnected(Connection connection) {
                super.onConnected(connection);
                connection.receiveInto(pool, ranges[0][0], ranges[0][1]);
            }

            @Override
            public void onReceivedInto(Connection connection, MemorySegment target) {
                super.onReceivedInto(connection, target);
                if (++next < ranges.length) {
                    connection.receiveInto(pool, ranges[next][0], ranges[next][1]);
                }
            }
        };
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, server, ConnectionOptions.PLAIN));
        Connection connection = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        List<MemorySegment> sent = new ArrayList<>();
        for (int i = 0; i < ranges.length; i++) {
            MemorySegment payload = random(ranges[i][1], 20 + i);
            sent.add(payload);
            connection.send(payload);
        }
        pollUntil(() -> server.filled.size() == ranges.length, loop);

        long outside = 0;
        for (int i = 0; i < ranges.length; i++) {
            Bytes.assertSame(pool.asSlice(ranges[i][0], ranges[i][1]), sent.get(i));
        }
        for (long b = 0; b < pool.byteSize(); b++) {
            boolean inside = false;
            for (long[] range : ranges) {
                inside |= b >= range[0] && b < range[0] + range[1];
            }
            if (!inside && pool.get(ValueLayout.JAVA_BYTE, b) != 0x5A) {
                outside++;
            }
        }
        assertThat(outside).as("bytes written outside the ranges").isZero();
    }

    @Test
    void shouldFillHeapTargetsThroughTheBuffer() {
        byte[] target = new byte[300_000];
        MemorySegment heap = MemorySegment.ofArray(target);
        Recorder server = new Recorder() {
            @Override
            public void onConnected(Connection connection) {
                connection.receiveInto(heap);
            }
        };
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, server, ConnectionOptions.PLAIN));
        Connection connection = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        MemorySegment data = random(target.length, 7);
        connection.send(data);
        pollUntil(() -> server.filled.size() == 1, loop);

        Bytes.assertSame(target, data);
    }

    @Test
    void shouldReportARefusedConnectWithTheErrno() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Recorder client = new Recorder();
        loop.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), client, ConnectionOptions.PLAIN);
        assertThat(client.closed).as("no callback inside connect()").isFalse();
        pollUntil(() -> client.closed, loop);

        assertThat(client.connected).isFalse();
        assertThat(client.closeCause).hasMessage("cannot connect to localhost:" + port + ": ECONNREFUSED (connection refused)");
        assertThat(loop.connectionCount(ConnectionState.CONNECTING)).isZero();
    }

    @Test
    void shouldNameTheAddressItCannotListenOn() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> loop.listen(new InetSocketAddress(loopback, port), (l, socket) -> socket.close()))
                    .isInstanceOf(FerryException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": EADDRINUSE (address already in use)");
        }
    }

    @Test
    void shouldTellBothSidesWhenThePeerCloses() {
        Listener listener = recordingListener();
        Recorder client = new Recorder();
        loop.connect(listener.localAddress(), client, ConnectionOptions.PLAIN);
        pollUntil(() -> client.connected && !accepted.isEmpty() && accepted.getFirst().connection != null, loop);
        accepted.getFirst().connection.close();
        pollUntil(() -> client.closed, loop);

        assertThat(accepted.getFirst().closed).isTrue();
        assertThat(accepted.getFirst().closeCause).isNull();
        assertThat(client.closeCause.errorCode()).isEqualTo(ErrorCode.CLOSED);
        assertThat(client.closeCause).hasMessageContaining("connection closed by");
    }

    @Test
    void shouldSendWhatIsQueuedBeforeAShutdownCloses() {
        Listener listener = recordingListener();
        Recorder client = new Recorder();
        Connection connection = loop.connect(listener.localAddress(), client, ConnectionOptions.PLAIN);
        MemorySegment data = random(3 << 20, 3);
        connection.send(data);
        connection.shutdown(null);
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().closed && client.closed, loop);

        Bytes.assertSame(accepted.getFirst().received.toByteArray(), data);
        assertThat(client.closed).isTrue();
        assertThat(client.closeCause).isNull();
        assertThatThrownBy(() -> connection.send(data)).isInstanceOf(FerryException.class).hasMessageContaining("closed");
    }

    @Test
    void shouldSendFileRangesWithoutCopyingThemThroughMemory(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("data");
        MemorySegment data = random(5 << 20, 11);
        Files.write(file, data.toArray(ValueLayout.JAVA_BYTE));
        Listener listener = recordingListener();
        Recorder client = new Recorder();
        Connection connection = loop.connect(listener.localAddress(), client, ConnectionOptions.PLAIN);
        int fd = FileDescriptors.open(file);
        try {
            MemorySegment header = random(100, 12);
            connection.send(header, 1);
            connection.sendFile(fd, 4096, data.byteSize() - 4096, 2);
            connection.send(header, 3);
            pollUntil(() -> client.sent.size() == 3, loop);
            pollUntil(() -> accepted.getFirst().received.size() == data.byteSize() - 4096 + 200, loop);

            byte[] received = accepted.getFirst().received.toByteArray();
            assertThat(client.sent).containsExactly(1L, 2L, 3L);
            Bytes.assertSame(java.util.Arrays.copyOfRange(received, 100, received.length - 100), data.asSlice(4096));
        } finally {
            FileDescriptors.close(fd);
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseHandlerThrew() {
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> {
            Recorder recorder = new Recorder() {
                @Override
                public void onReceive(Connection connection, ByteBuffer bytes) {
                    if (bytes.get(bytes.position()) == 'X') {
                        throw new IllegalStateException("bad byte");
                    }
                    super.onReceive(connection, bytes);
                }
            };
            accepted.add(recorder);
            loop.adopt(socket, recorder, ConnectionOptions.PLAIN);
        });
        Connection bad = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        Connection good = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        bad.send(arena.allocateFrom("X"));
        pollUntil(() -> accepted.size() == 2 && accepted.stream().anyMatch(r -> r.closed), loop);
        good.send(arena.allocateFrom("fine"));
        pollUntil(() -> accepted.stream().anyMatch(r -> r.received.size() == 5), loop);

        Recorder failed = accepted.stream().filter(r -> r.closed).findFirst().orElseThrow();
        assertThat(failed.closeCause).hasMessageContaining("bad byte");
        assertThat(accepted.stream().filter(r -> !r.closed)).hasSize(1);
    }

    @Test
    void shouldRefuseAMessageLargerThanTheReceiveBuffer() {
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> {
            Recorder recorder = new Recorder() {
                @Override
                public void onReceive(Connection connection, ByteBuffer bytes) {
                    // waits for a terminator that never comes: consumes nothing
                }
            };
            accepted.add(recorder);
            loop.adopt(socket, recorder, ConnectionOptions.PLAIN.withReceiveBufferSize(32 * 1024));
        });
        Connection connection = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        connection.send(random(100_000, 5));
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().closed, loop);

        assertThat(accepted.getFirst().closeCause).hasMessageContaining("larger than the 32768-byte receive buffer");
    }

    @Test
    void shouldReuseIdsWithoutMixingUpConnections() {
        Listener listener = recordingListener();
        for (int round = 0; round < 5; round++) {
            List<Recorder> clients = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Recorder client = new Recorder();
                clients.add(client);
                Connection connection = loop.connect(listener.localAddress(), client, ConnectionOptions.PLAIN);
                connection.send(arena.allocateFrom("r" + round + "c" + i));
                connection.shutdown(null);
            }
            pollUntil(() -> clients.stream().allMatch(c -> c.closed), loop);
        }
        pollUntil(() -> accepted.size() == 200 && accepted.stream().allMatch(r -> r.closed), loop);

        List<String> messages = accepted.stream().map(r -> r.received.toString().replace("\0", "")).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 40; i++) {
                expected.add("r" + round + "c" + i);
            }
        }
        assertThat(messages).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(loop.connectionCount(ConnectionState.OPEN)).isZero();
    }

    @Test
    void shouldRefuseToListenOnAnAddressInUse() {
        Listener listener = recordingListener();
        assertThatThrownBy(() -> loop.listen(listener.localAddress(), (l, s) -> s.close()))
                .isInstanceOf(FerryException.class).hasMessageContaining("EADDRINUSE");
    }
}
