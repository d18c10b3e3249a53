package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.send.ImageSource;
import io.ferry.stream.send.ImageWriter;
import io.ferry.stream.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An interrupted stream continues from the last confirmed sync point and sends nothing below it again. */
class ResumeTest {
    static final int BLOCK = 65536;
    static final int BLOCKS = 24;

    @TempDir
    Path dir;

    private static StreamOptions options(long streamId) {
        return StreamOptions.from(Settings.defaults()).withChannels(2).withCodec(Codec.zstd(1))
                .withBlockSize(BLOCK, 4L * BLOCK).withStreamId(streamId);
    }

    @Test
    void shouldResumeFromTheLastConfirmedSyncPointOverConnections() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(31, BLOCKS * BLOCK);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path dest = dir.resolve("dest.bin");
        long confirmed = interruptedSend(source, dest);
        assertThat(ResumeRecord.load(dir.resolve("dest.bin.ferry-resume")).orElseThrow().position()).isEqualTo(confirmed);
        assertThat(dest).doesNotExist();

        try (Loop loop = new Loop(32)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()).withResume(true));
            loop.send(options(2), Sources.file(source, BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(loop.sender.startPosition()).isEqualTo(confirmed);
            assertThat(loop.sender.packetsSent()).as("nothing below the confirmed position is sent again")
                    .isEqualTo(BLOCKS - confirmed / BLOCK);
            assertThat(loop.receiver.resumedBytes()).isEqualTo(confirmed);
            assertThat(loop.receiver.bytesDone()).as("what the resume found counts as done").isEqualTo(data.length);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(dir.resolve("dest.bin.ferry-resume")).doesNotExist();
    }

    /** Sends {@code source} into {@code dest} until two sync points are confirmed, then kills a channel; returns the confirmed position. */
    private static long interruptedSend(Path source, Path dest) {
        try (Loop loop = new Loop(31)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(1), Sources.file(source, BLOCK));
            loop.runUntil(() -> loop.sender.ackedSync() >= 2);
            loop.clientEnds.get(1).kill();
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.FAILED);
            long confirmed = loop.sender.ackedPosition();
            assertThat(confirmed).isGreaterThanOrEqualTo(8L * BLOCK);
            return confirmed;
        }
    }

    @Test
    void shouldStartOverWhenTheSourceWasRewrittenWithTheSameSize() throws IOException {
        Path source = Files.write(dir.resolve("source.bin"), RoundTripTest.mixedBytes(37, BLOCKS * BLOCK));
        Path dest = dir.resolve("dest.bin");
        interruptedSend(source, dest);
        byte[] rewritten = RoundTripTest.mixedBytes(38, BLOCKS * BLOCK);
        Files.write(source, rewritten);
        Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2030-01-01T00:00:00.5Z")));

        try (Loop loop = new Loop(32)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()).withResume(true));
            loop.send(options(2), Sources.file(source, BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(loop.sender.startPosition()).as("its modification time tells the source changed").isZero();
        }
        assertThat(Files.readAllBytes(dest)).as("the new bytes, not the old ones below a resume point").isEqualTo(rewritten);
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(FileTime.from(Instant.parse("2030-01-01T00:00:00.5Z")));
    }

    @Test
    void shouldStartOverWhenTheRecordBelongsToAnotherStream() throws IOException {
        Path source = Files.write(dir.resolve("source.bin"), RoundTripTest.mixedBytes(32, 4 * BLOCK));
        Path dest = dir.resolve("dest.bin");
        ResumeRecord.start(io.ferry.stream.wire.Manifest.single(123, 0644), BLOCK).at(5, 2L * BLOCK)
                .save(dir.resolve("dest.bin.ferry-resume"));
        try (Loop loop = new Loop(33)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()).withResume(true));
            loop.send(options(3), Sources.file(source, BLOCK));
            loop.runToEnd();
            assertThat(loop.sender.startPosition()).isZero();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
    }

    @Test
    void shouldResumeWritingAnImageFromItsRecord() throws IOException {
        byte[] data = RoundTripTest.mixedBytes(33, BLOCKS * BLOCK);
        Path source = Files.write(dir.resolve("source.bin"), data);
        Path image = dir.resolve("stream.img");
        Path record = dir.resolve("stream.img.ferry-resume");
        long confirmed;
        try (Loop loop = new Loop(34)) {
            ImageWriter writer = new ImageWriter(loop.agent, loop.files, image, record, 2);
            loop.sendToImage(options(4), Sources.file(source, BLOCK), writer);
            for (int i = 0; i < 1_000_000 && loop.sender.ackedSync() < 3; i++) {
                loop.sender.poll();
            }
            confirmed = loop.sender.ackedPosition();
            loop.sender.close(); // interrupted: the image is left partial
        }
        assertThat(confirmed).isGreaterThanOrEqualTo(12L * BLOCK);
        assertThatThrownBy(() -> new ImageSource(image)).isInstanceOf(FerryException.class)
                .hasMessageContaining("incomplete stream image")
                .satisfies(e -> assertThat(((FerryException) e).errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));

        try (Loop loop = new Loop(35)) {
            ImageWriter writer = new ImageWriter(loop.agent, loop.files, image, record, 2);
            loop.sendToImage(options(5), Sources.file(source, BLOCK), writer);
            loop.runSenderToEnd();
            assertThat(loop.sender.state()).isEqualTo(StreamState.DONE);
            assertThat(loop.sender.startPosition()).isEqualTo(confirmed);
            assertThat(loop.sender.packetsSent()).isEqualTo(BLOCKS - confirmed / BLOCK);
            writer.close();
        }
        Path dest = dir.resolve("dest.bin");
        try (Loop loop = new Loop(36); ImageSource back = new ImageSource(image)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(6), back);
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
        }
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void shouldNotResumeFromARecordOlderThanAFreshStartThatFailed() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        byte[] big = RoundTripTest.mixedBytes(35, BLOCKS * BLOCK);
        Files.write(tree.resolve("a.bin"), big);
        Files.write(Files.createDirectories(tree.resolve("sub")).resolve("b.bin"), RoundTripTest.mixedBytes(36, 100));
        Path dest = dir.resolve("dest");
        try (Loop loop = new Loop(35)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(5), Sources.tree(tree, BLOCK));
            loop.runUntil(() -> loop.sender.ackedSync() >= 2);
            loop.clientEnds.get(1).kill();
            loop.runToEnd();
        }
        Path record = dir.resolve("dest.ferry-resume");
        assertThat(ResumeRecord.load(record).orElseThrow().position()).as("a first run confirmed part of a.bin")
                .isPositive();

        // A fresh start (no --resume) makes a.bin's temporary file anew, then fails at sub/, a symbolic link.
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.move(dest.resolve("sub"), dir.resolve("sub-before"));
        Files.createSymbolicLink(dest.resolve("sub"), elsewhere);
        try (Loop loop = new Loop(36)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
            loop.send(options(6), Sources.tree(tree, BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.failure()).hasMessageContaining("symbolic link");
        }
        assertThat(record).as("the fresh start replaced the old record, and removed it with nothing durable").doesNotExist();

        Files.delete(dest.resolve("sub"));
        try (Loop loop = new Loop(37)) {
            loop.receive(dest, ReceiverOptions.from(Settings.defaults()).withResume(true));
            loop.send(options(7), Sources.tree(tree, BLOCK));
            loop.runToEnd();
            assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            assertThat(loop.sender.startPosition()).as("nothing of the remade file is known to be there").isZero();
        }
        assertThat(Files.readAllBytes(dest.resolve("a.bin"))).isEqualTo(big);
    }
}
