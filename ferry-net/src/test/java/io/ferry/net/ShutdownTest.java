package io.ferry.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.ferry.net.LoopDriver.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Connection#shutdown} with bytes of the peer still unread: the last message must reach the
 * peer whole and end in FIN, not in the reset a close with unread bytes makes the kernel send. And
 * the other side of it: what a peer that does reset sent before its reset still reaches the handler.
 * And {@link Connection#close} with bytes still queued resets, so that a peer that paused receiving
 * hears of it at once.
 */
@Timeout(60)
class ShutdownTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    /** A peer's receive buffer that a few KiB fill, while the sender's kernel still takes more. */
    private static final int SMALL_WINDOW = 4096;
    private static final byte[] LAST_WORDS = "the last answer".getBytes(StandardCharsets.US_ASCII);

    private final NetLoop loop = NetLoop.open("test");
    private final Arena arena = Arena.ofShared();
    private final List<Recorder> accepted = new ArrayList<>();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    @Test
    void shouldLetThePeerReadTheLastMessageAndThenItsEnd() throws IOException {
        try (Socket peer = connectedPeer()) {
            peer.getOutputStream().write(new byte[4096]); // lies unread in the kernel: the loop does not poll meanwhile
            Connection connection = accepted.getFirst().connection;
            connection.send(arena.allocate(LAST_WORDS.length).copyFrom(MemorySegment.ofArray(LAST_WORDS)));
            connection.shutdown(null);

            assertThat(peer.getInputStream().readAllBytes()).as("a reset fails this read").isEqualTo(LAST_WORDS);
            assertThat(accepted.getFirst().closed).as("closed before the peer ended its side").isFalse();
            peer.close();
            pollUntil(() -> accepted.getFirst().closed, loop);
            assertThat(accepted.getFirst().closeCause).isNull();
        }
    }

    @Test
    void shouldDropWhatThePeerSendsAfterwardsAndCloseWhenItEnds() throws Exception {
        try (Socket peer = connectedPeer()) {
            accepted.getFirst().connection.shutdown(null);
            AtomicReference<IOException> failure = new AtomicReference<>();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = peer.getOutputStream();
                    for (int i = 0; i < 64; i++) {
                        out.write(new byte[64 * 1024]); // more than the kernel's buffers hold: the closing side drops it
                    }
                    peer.shutdownOutput();
                } catch (IOException e) {
                    failure.set(e);
                }
            });
            pollUntil(() -> accepted.getFirst().closed, loop);
            writer.join();
            assertThat(failure.get()).isNull();
            assertThat(accepted.getFirst().received.size()).isZero();
            assertThat(accepted.getFirst().closeCause).isNull();
        }
    }

    @Test
    void shouldCloseAfterABoundWhenThePeerNeverEnds() throws IOException {
        try (Socket peer = connectedPeer()) {
            accepted.getFirst().connection.shutdown(null);
            pollUntil(() -> accepted.getFirst().closed, loop); // within ConnectionEnding.LINGER_NS
            assertThat(accepted.getFirst().closeCause).isNull();
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldResetAPeerThatHasNotTakenWhatWasSentWhenTheLingerEnds() throws IOException {
        try (Socket peer = connectedPeer(SMALL_WINDOW)) { // reads nothing until the end: a held stream channel
            Recorder recorder = accepted.getFirst();
            recorder.connection.send(arena.allocate(4 * SMALL_WINDOW));
            pollUntil(() -> recorder.connection.queuedBytes() == 0, loop); // all in the kernel, part beyond the window
            recorder.connection.shutdown(null);
            pollUntil(() -> recorder.closed, loop); // the linger ends: the FIN still waits behind unsent bytes

            // A FIN would follow the bytes once the peer reads them; a peer that never reads would never hear it.
            InputStream in = peer.getInputStream();
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void shouldDeliverWhatThePeerSentBeforeItsResetFailedAWrite() throws IOException {
        try (Socket peer = connectedPeer()) {
            Recorder recorder = accepted.getFirst();
            recorder.connection.send(arena.allocate(4096)); // left unread by the peer, so that its close resets
            pollUntil(() -> recorder.connection.queuedBytes() == 0, loop);
            peer.getOutputStream().write(LAST_WORDS); // an early answer, as an HTTP server's error to an upload
            peer.close();

            MemorySegment more = arena.allocate(64 << 10);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!recorder.closed && System.nanoTime() < deadline) {
                // Writes only: the loop is not polled, so a write meets the reset before anything reads.
                if (recorder.connection.queuedBytes() == 0) {
                    recorder.connection.send(more);
                }
                recorder.connection.flush();
                LockSupport.parkNanos(1_000_000); // until the kernel has taken in the reset
            }

            assertThat(recorder.closed).isTrue();
            assertThat(recorder.received.toByteArray()).as("read before the close").isEqualTo(LAST_WORDS);
        }
    }

    @Test
    void shouldResetThePeerWhenClosedWithBytesStillQueued() throws IOException {
        try (Socket peer = connectedPeer()) {
            Connection connection = accepted.getFirst().connection;
            MemorySegment block = arena.allocate(1 << 20);
            while (connection.queuedBytes() == 0) { // the peer reads nothing: the kernel's buffers fill
                connection.send(block);
                connection.flush();
            }
            connection.close();

            // What the kernel held reaches the peer, then the reset; a plain close would end it with a FIN,
            // behind bytes a peer that stopped reading might not take for a long time.
            InputStream in = peer.getInputStream();
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void shouldTellAPausedPeerAtOnceThatAConnectionClosedWithBytesQueuedIsGone() {
        // The stream's case: a receiver holds a channel (paused, a zero window) while its sender gives up.
        Recorder server = new Recorder() {
            @Override
            public void onReceive(Connection connection, ByteBuffer bytes) {
                this.connection = connection;
                connection.pauseReceiving();
            }
        };
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> loop.adopt(socket, server, ConnectionOptions.PLAIN));
        Connection client = loop.connect(listener.localAddress(), new Recorder(), ConnectionOptions.PLAIN);
        client.send(arena.allocate(32 << 20), 0);
        pollUntil(() -> server.connection != null && server.connection.isReceivingPaused(), loop);
        for (int i = 0; i < 200; i++) {
            loop.poll();
        }
        assertThat(client.queuedBytes()).as("the peer was pushed back").isPositive();

        client.close(); // a FIN would wait behind the bytes the paused peer does not take

        pollUntil(() -> server.closed, loop);
        assertThat(server.closeCause).as("a reset, not an orderly end").isNotNull();
        assertThat(server.closeCause.getMessage()).contains("ECONNRESET");
    }

    @Test
    void shouldEndWithAFinWhenClosedWithNothingQueued() throws IOException {
        try (Socket peer = connectedPeer()) {
            Connection connection = accepted.getFirst().connection;
            connection.send(arena.allocate(LAST_WORDS.length).copyFrom(MemorySegment.ofArray(LAST_WORDS)));
            connection.flush();
            assertThat(connection.queuedBytes()).isZero();
            connection.close();

            assertThat(peer.getInputStream().readAllBytes()).isEqualTo(LAST_WORDS);
        }
    }

    private Socket connectedPeer() throws IOException {
        return connectedPeer(0);
    }

    /** A plain socket connected to the loop, with a receive buffer of {@code receiveBuffer} bytes (0: the default). */
    private Socket connectedPeer(int receiveBuffer) throws IOException {
        Listener listener = loop.listen(ANY_LOCAL, (l, socket) -> {
            Recorder recorder = new Recorder();
            accepted.add(recorder);
            loop.adopt(socket, recorder, ConnectionOptions.PLAIN);
        });
        Socket peer = new Socket();
        if (receiveBuffer > 0) {
            peer.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the window it announces
        }
        peer.connect(listener.localAddress());
        peer.setSoTimeout(30_000);
        pollUntil(() -> !accepted.isEmpty() && accepted.getFirst().connected, loop);
        return peer;
    }
}
