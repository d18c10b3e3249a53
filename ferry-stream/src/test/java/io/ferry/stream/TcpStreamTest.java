package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.settings.Settings;
import io.ferry.net.ConnectionOptions;
import io.ferry.stream.net.NetReceiver;
import io.ferry.stream.net.NetSender;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.prepare.ControlPackets;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.source.Sources;
import io.ferry.stream.wire.ErrorPacket;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.ManifestEntry;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.testkit.FaultyTcpProxy;
import io.ferry.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Streams over real loopback sockets through ferry-net: round trips, faults and hostile peers. */
@Timeout(120)
class TcpStreamTest {
    static final int BLOCK = 65536;

    @TempDir
    Path dir;

    private static StreamOptions options(String codec, int channels) {
        return StreamOptions.from(Settings.defaults()).withChannels(channels).withCodec(Codec.parse(codec))
                .withBlockSize(BLOCK, 4L * BLOCK);
    }

    static Stream<Arguments> codecsAndChannels() {
        return Stream.of("none", "lz4", "zstd:1").flatMap(codec -> Stream.of(1, 4).map(n -> Arguments.of(codec, n)));
    }

    @ParameterizedTest(name = "{0} over {1} channel(s)")
    @MethodSource("codecsAndChannels")
    void shouldDeliverEveryByteOverLoopbackSockets(String codec, int channels) throws IOException {
        byte[] data = RoundTripTest.mixedBytes(channels * 17L + codec.length(), 24 * BLOCK + 1234);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            tcp.send(options(codec, channels), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(tcp.sender.failure()).isNull();
            assertThat(tcp.receiver.failure()).isNull();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.ackedSync()).as("sync points were confirmed on the way").isGreaterThan(1);
            tcp.runUntilAllClosed();
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(dir.resolve(".dest.bin.ferry-part")).doesNotExist();
        assertThat(dir.resolve("dest.bin.ferry-resume")).doesNotExist();
    }

    @Test
    void shouldDeliverEveryByteOverTls() throws IOException {
        Path certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.create(certificate, key);
        byte[] data = RoundTripTest.mixedBytes(77, 40 * BLOCK + 99);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop().withTls(certificate, key)) {
            tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            tcp.send(options("lz4", 4), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(tcp.receiver.failure()).isNull();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.ackedSync()).isGreaterThan(1);
            tcp.runUntilAllClosed();
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void shouldRecreateATreeWithOddNamesEmptySparseAndLargeFiles() throws IOException {
        byte[] large = TreeTest.makeOddTree(dir);
        Path dest = dir.resolve("dest");
        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            tcp.send(options("zstd:1", 4).withBlockSize(BLOCK, 16L * BLOCK), Sources.tree(dir.resolve("tree"), BLOCK));
            tcp.runToEnd();
            assertThat(tcp.receiver.failure()).isNull();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
        }
        TreeTest.assertOddTreeCopied(dir, dest, large);
    }

    @Test
    void shouldFailCleanlyWhenAChannelIsKilledMidTransfer() throws IOException {
        Path source = randomFile(48);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            try (FaultyTcpProxy proxy = new FaultyTcpProxy(receiver.localAddress())) {
                // Channel 2 stalls after 6 blocks (of its ~12): the stream cannot end before the kill.
                proxy.cap(2, 6L * (PacketHeader.SIZE + BLOCK));
                tcp.send(options("none", 4).withBlockSize(BLOCK, 1L << 30), Sources.file(source, BLOCK), proxy.address());
                tcp.runUntil(() -> receiver.bytesWritten() > 8L * BLOCK && proxy.connections() == 4);
                proxy.kill(2);
                tcp.runToEnd();
                tcp.runUntilAllClosed();
            }
            assertThat(receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.failure().getMessage()).containsPattern("channel \\d was lost before the stream ended");
            assertThat(tcp.sender.state()).isEqualTo(StreamState.FAILED);
        }
        assertThat(dest).as("no complete-looking destination").doesNotExist();
        // Sync points every 1 GiB: nothing was durable, so nothing stays for a resume (FailureTest keeps them).
        assertThat(dir.resolve(".dest.bin.ferry-part")).doesNotExist();
        assertThat(dir.resolve("dest.bin.ferry-resume")).doesNotExist();
    }

    @Test
    void shouldTellTheReceiverWhyTheSenderStopped() throws IOException {
        Path source = randomFile(48);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            NetSender sender = tcp.send(options("none", 4), Sources.file(source, BLOCK));
            tcp.runUntil(() -> receiver.bytesWritten() >= 8L * BLOCK);
            sender.cancel("the source went away");
            tcp.runUntil(() -> sender.isSettled() && receiver.isSettled());
            assertThat(sender.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.state()).isEqualTo(StreamState.FAILED);
            assertThat(receiver.failure()).as("the reason, not a lost channel").hasMessage("the sender failed: the source went away");
            assertThat(receiver.failure().errorCode()).isEqualTo(ErrorCode.CANCELLED);
        }
        assertThat(dest).as("no complete-looking destination").doesNotExist();
    }

    @Test
    void shouldResumeFromTheLastConfirmedSyncPointAfterAnInterruption() throws IOException {
        int blocks = 32;
        Path source = randomFile(blocks);
        Path dest = dir.resolve("dest.bin");
        StreamOptions options = options("lz4", 2).withBlockSize(BLOCK, 2L * BLOCK);
        long confirmed;
        String failures;
        try (TcpLoop tcp = new TcpLoop()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            try (FaultyTcpProxy proxy = new FaultyTcpProxy(receiver.localAddress())) {
                // Channel 1 stalls after about 8 blocks (of its ~16): the stream cannot end before the kill.
                proxy.cap(1, 8L * (PacketHeader.SIZE + BLOCK));
                tcp.send(options, Sources.file(source, BLOCK), proxy.address());
                tcp.runUntil(() -> tcp.sender.ackedSync() >= 2 && proxy.connections() == 2);
                proxy.kill(1);
                tcp.runToEnd();
            }
            assertThat(receiver.state()).as("%s / %s", receiver.failure(), tcp.sender.failure()).isEqualTo(StreamState.FAILED);
            confirmed = tcp.sender.ackedPosition();
            failures = tcp.sender.ackedSync() + " " + receiver.failure() + " / " + tcp.sender.failure();
            assertThat(confirmed).as("%s / %s", receiver.failure(), tcp.sender.failure()).isGreaterThan(0);
        }
        assertThat(confirmed).as("%s", failures).isGreaterThanOrEqualTo(4L * BLOCK).isLessThan(blocks * (long) BLOCK);
        assertThat(dest).doesNotExist();

        try (TcpLoop tcp = new TcpLoop()) {
            tcp.receive(dest, ReceiverOptions.from(Settings.defaults()).withResume(true));
            tcp.send(options.withStreamId(options.streamId() + 1), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(tcp.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(tcp.sender.startPosition()).isGreaterThanOrEqualTo(confirmed);
            assertThat(tcp.sender.packetsSent()).as("nothing confirmed is sent again")
                    .isEqualTo(blocks - tcp.sender.startPosition() / BLOCK);
        }
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
        assertThat(dir.resolve("dest.bin.ferry-resume")).doesNotExist();
    }

    @Test
    void shouldDetectACorruptPacket() throws IOException {
        Path source = randomFile(6);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            try (FaultyTcpProxy proxy = new FaultyTcpProxy(receiver.localAddress())) {
                // One channel: handshake (64), manifest packet (64 + 36), then data packets of 64 + 65536 bytes.
                long thirdPayload = 64 + 100 + 2L * (PacketHeader.SIZE + BLOCK) + PacketHeader.SIZE + 1000;
                proxy.corrupt(0, thirdPayload);
                tcp.send(options("none", 1).withBlockSize(BLOCK, 1L << 30), Sources.file(source, BLOCK), proxy.address());
                tcp.runToEnd();
                tcp.runUntilAllClosed();
            }
            assertThat(receiver.failure().errorCode()).as("%s", receiver.failure()).isEqualTo(ErrorCode.VERIFY_FAILED);
            assertThat(receiver.failure().getMessage())
                    .isEqualTo("a corrupt packet (checksum mismatch) at stream offset " + 2 * BLOCK + " on channel 0");
            assertThat(tcp.sender.state()).isEqualTo(StreamState.FAILED);
        }
        assertThat(dest).doesNotExist();
    }

    @Test
    void shouldEndOnlyTheConnectionThatSentAMalformedHandshake() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(5, 8 * BLOCK);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop(); Socket raw = new Socket()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            raw.connect(receiver.localAddress());
            byte[] garbage = new byte[PacketHeader.SIZE];
            new Random(1).nextBytes(garbage);
            raw.getOutputStream().write(garbage);
            tcp.runUntil(() -> receiver.refusals() == 1);
            assertThat(receiver.state()).as("the stream goes on").isEqualTo(StreamState.OPENING);
            raw.setSoTimeout(30_000);
            byte[] reply = raw.getInputStream().readAllBytes();
            assertThat(reply.length).isGreaterThan(PacketHeader.SIZE);
            assertThat(ErrorPacket.message(ByteBuffer.wrap(reply), PacketHeader.SIZE,
                    PacketHeader.wireLength(ByteBuffer.wrap(reply), 0))).contains("malformed handshake");

            tcp.send(options("zstd:1", 2), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void shouldSettleAfterTheStreamEvenWhenAPeerNeverClosesItsConnection() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(7, 4 * BLOCK);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop(); Socket stranger = new Socket()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            stranger.connect(receiver.localAddress()); // says nothing and never closes, as a leaked socket

            tcp.send(options("none", 2), Sources.file(source, BLOCK));
            tcp.runToEnd();
            tcp.runUntil(receiver::isSettled);

            assertThat(receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void shouldRefuseAManifestThatPointsOutsideDest() throws IOException {
        Path dest = dir.resolve("dest");
        byte[] manifest = ManifestCodec.encode(new Manifest(List.of(
                new ManifestEntry(ManifestEntry.Kind.FILE, "fine.txt", 0644, 10, 0),
                new ManifestEntry(ManifestEntry.Kind.FILE, "../escaped.txt", 0644, 10, BLOCK))));
        try (TcpLoop tcp = new TcpLoop(); Socket raw = new Socket(); Arena arena = Arena.ofConfined()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults()));
            raw.connect(receiver.localAddress());
            ControlPackets packets = new ControlPackets(arena, 0, 0, 9, ControlPackets.MANIFEST_PIECE);
            OutputStream out = raw.getOutputStream();
            out.write(bytes(packets.handshake(1, 0, BLOCK, new byte[32])));
            out.write(bytes(packets.manifest(manifest, 0, manifest.length)));
            tcp.runUntil(() -> receiver.state().isFinal());
            assertThat(receiver.failure().errorCode()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(receiver.failure().getMessage()).contains("manifest is invalid: unsafe or malformed path");
            tcp.runUntilAllClosed();
            raw.setSoTimeout(30_000);
            InputStream in = raw.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("unsafe or malformed path");
        }
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dest).doesNotExist();
    }

    @Test
    void shouldTimeOutASenderWhosePeerNeverAnswersItsOpening() throws IOException {
        Path source = randomFile(4);
        // A peer that accepts and then reads nothing, answers nothing.
        try (TcpLoop tcp = new TcpLoop(); ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NetSender sender = new NetSender(options("none", 2), Sources.file(source, BLOCK),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), ConnectionOptions.PLAIN,
                    200_000_000L);
            tcp.sender = sender;
            tcp.group.addNow(sender);
            tcp.runUntil(() -> sender.state().isFinal());
            assertThat(sender.failure().errorCode()).isEqualTo(ErrorCode.TIMED_OUT);
            assertThat(sender.failure().getMessage()).startsWith("no answer to the stream's opening from ")
                    .endsWith(":" + silent.getLocalPort() + " within 200 ms (is a ferry receive listening there?)");
            tcp.runUntilAllClosed();
        }
    }

    @Test
    void shouldCloseASilentConnectionWithoutAHandshakeAndGoOn() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(9, 4 * BLOCK);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (TcpLoop tcp = new TcpLoop(); Socket silent = new Socket()) {
            NetReceiver receiver = tcp.receive(dest, ReceiverOptions.from(Settings.defaults())
                    .withIdleTimeoutNs(2_000_000_000L));
            silent.connect(receiver.localAddress());
            silent.setSoTimeout(1);
            InputStream in = silent.getInputStream();
            tcp.runUntil(() -> {
                try {
                    return in.read() < 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    return false;
                } catch (IOException reset) {
                    return true;
                }
            });
            assertThat(receiver.state()).as("a stranger's silence is not the stream's").isEqualTo(StreamState.OPENING);

            tcp.send(options("none", 2), Sources.file(source, BLOCK));
            tcp.runToEnd();
            assertThat(receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    private static byte[] bytes(PreparedPacket packet) {
        ByteBuffer buffer = packet.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private Path randomFile(int blocks) throws IOException {
        byte[] data = new byte[blocks * BLOCK];
        new Random(blocks).nextBytes(data);
        return Files.write(dir.resolve("source.bin"), data);
    }
}
