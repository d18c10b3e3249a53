package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.settings.Settings;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Channels that must be refused, without harming the stream they try to join. */
class ChannelAdmissionTest {
    static final int BLOCK = 65536;

    @TempDir
    Path dir;

    private StreamOptions options() {
        return StreamOptions.from(Settings.defaults()).withChannels(2).withBlockSize(BLOCK, 4L * BLOCK).withStreamId(42);
    }

    @Test
    void shouldRefuseDuplicateAndUnknownChannelsAndStillCompleteTheStream() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(5, 10 * BLOCK);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(11)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(), Sources.file(source, BLOCK));
            loop.runUntil(() -> loop.receiver.state() == StreamState.RUNNING);
            try (RawPeer duplicate = new RawPeer(loop.network, 1, 42);
                 RawPeer outOfRange = new RawPeer(loop.network, 2, 42);
                 RawPeer otherStream = new RawPeer(loop.network, 0, 43)) {
                duplicate.handshake(2, BLOCK, RawPeer.noToken());
                outOfRange.handshake(2, BLOCK, RawPeer.noToken());
                otherStream.handshake(2, BLOCK, RawPeer.noToken());
                loop.runUntil(() -> duplicate.closed && outOfRange.closed && otherStream.closed);
                assertThat(duplicate.errorMessage()).contains("duplicate channel 1");
                assertThat(outOfRange.errorMessage()).contains("malformed handshake");
                assertThat(otherStream.errorMessage()).isEqualTo("busy with another stream (this one is 2b)");
            }
            loop.runToEnd();
            assertThat(loop.receiver.refusals()).isEqualTo(3);
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void shouldRefuseChannelsWithoutTheTokenWhenOneIsRequired() throws IOException {
        byte[] token = new byte[32];
        Arrays.fill(token, (byte) 7);
        Path source = Files.write(dir.resolve("source.bin"), RoundTripTest.mixedBytes(6, 3 * BLOCK));
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(12)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()).withToken(token));
            loop.send(options(), Sources.file(source, BLOCK));
            loop.runUntil(() -> loop.sender.state().isFinal());
            assertThat(loop.sender.failure().getMessage()).contains("wrong stream token");
            assertThat(loop.receiver.refusals()).isEqualTo(2);
            assertThat(loop.receiver.state()).as("refusals do not fail a receiver").isEqualTo(StreamState.OPENING);
        }
        assertThat(dest).doesNotExist();
    }

    @Test
    void shouldRefuseGarbageInsteadOfAHandshake() {
        try (Loop loop = new Loop(13)) {
            loop.receive(dir.resolve("dest.bin"), ReceiverOptions.from(Settings.defaults()));
            try (RawPeer peer = new RawPeer(loop.network, 0, 42)) {
                peer.send(peer.packets.sync(1, 0));
                for (int i = 0; i < 1000 && !peer.closed; i++) {
                    loop.network.step();
                    loop.receiver.poll();
                }
                assertThat(peer.closed).isTrue();
                assertThat(peer.errorMessage()).contains("malformed handshake: bad magic number");
            }
            assertThat(loop.receiver.refusals()).isEqualTo(1);
            assertThat(loop.receiver.failure()).isNull();
        }
    }

    @Test
    void shouldTimeOutWhenNotEveryChannelOfTheStreamConnects() {
        try (Loop loop = new Loop(15)) {
            loop.receive(dir.resolve("dest.bin"), ReceiverOptions.from(Settings.defaults()).withIdleTimeoutNs(1_000_000_000L));
            try (RawPeer only = new RawPeer(loop.network, 0, 42)) {
                only.handshake(2, BLOCK, RawPeer.noToken());
                for (int i = 0; i < 100; i++) {
                    loop.network.step();
                }
                for (long now = 0; now <= 3_000_000_000L && !loop.receiver.state().isFinal(); now += 100_000_000L) {
                    loop.receiver.checkDeadlines(now);
                    only.send(only.packets.sync(1, 0)); // keeps channel 0 busy: only the missing channel is late
                    loop.network.step();
                }
                assertThat(loop.receiver.failure().errorCode()).isEqualTo(ErrorCode.TIMED_OUT);
                assertThat(loop.receiver.failure().getMessage()).contains("only 1 of the stream's 2 channels connected");
            }
        }
    }

    @Test
    void shouldCloseOnlyAConnectionThatSendsNothing() {
        try (Loop loop = new Loop(14)) {
            loop.receive(dir.resolve("dest.bin"), ReceiverOptions.from(Settings.defaults()).withIdleTimeoutNs(1_000_000_000L));
            try (RawPeer peer = new RawPeer(loop.network, 0, 42)) {
                loop.receiver.checkDeadlines(5_000_000_000L);
                loop.receiver.checkDeadlines(5_900_000_000L);
                for (int i = 0; i < 100; i++) {
                    loop.network.step();
                }
                assertThat(peer.closed).isFalse();
                loop.receiver.checkDeadlines(6_000_000_001L);
                for (int i = 0; i < 100 && !peer.closed; i++) {
                    loop.network.step();
                }
                assertThat(peer.closed).as("the silent connection is closed").isTrue();
                assertThat(loop.receiver.state()).as("a stranger's silence is not the stream's").isEqualTo(StreamState.OPENING);
            }
        }
    }
}
