package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Sources;
import io.ferry.testkit.LoopDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Block devices as source and destination, through loop devices (root only; skipped elsewhere). */
@Timeout(120)
class BlockDeviceTest {
    static final int BLOCK = 65536;
    static final int SIZE = 8 * BLOCK;

    @TempDir
    Path dir;

    /** Data blocks, a zero block and a hole, so the device must receive written zeros. */
    private Path sparseSource() throws IOException {
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(SIZE);
            file.write(RoundTripTest.mixedBytes(1, BLOCK));
            file.seek(3L * BLOCK);
            file.write(new byte[BLOCK]);
            file.seek(6L * BLOCK);
            file.write(RoundTripTest.mixedBytes(2, BLOCK));
        }
        return source;
    }

    private static StreamOptions options() {
        return StreamOptions.from(Settings.defaults()).withChannels(2).withCodec(Codec.LZ4).withBlockSize(BLOCK, 2L * BLOCK);
    }

    @Test
    void shouldWriteADeviceInPlaceWithZerosWhereTheSourceHasNone() throws Exception {
        Path source = sparseSource();
        byte[] garbage = new byte[SIZE];
        Arrays.fill(garbage, (byte) 0xff);
        Path backing = Files.write(dir.resolve("device.img"), garbage);
        try (LoopDevice device = LoopDevice.attach(backing)) {
            assumeTrue(device != null, "loop devices need root and losetup");
            try (Loop loop = new Loop(61)) {
                loop.receive(device.path, ReceiverOptions.from(Settings.defaults()).withRecordPath(dir.resolve("record")));
                loop.send(options(), Sources.file(source, BLOCK));
                loop.runToEnd();
                assertThat(loop.receiver.failure()).isNull();
                assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            }
        }
        assertThat(Files.mismatch(source, backing)).as("first byte that differs").isEqualTo(-1);
    }

    @Test
    void shouldRefuseADeviceDestinationWithoutARecordPathOfItsOwn() throws Exception {
        Path backing = Files.write(dir.resolve("device.img"), new byte[SIZE]);
        try (LoopDevice device = LoopDevice.attach(backing)) {
            assumeTrue(device != null, "loop devices need root and losetup");
            try (Loop loop = new Loop(62)) {
                assertThatThrownBy(() -> loop.receive(device.path, ReceiverOptions.from(Settings.defaults())))
                        .isInstanceOfSatisfying(FerryException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                            assertThat(e.getMessage()).isEqualTo(device.path + " is a block device: give the resume "
                                    + "record a path of its own (ReceiverOptions.withRecordPath)");
                        });
            }
            assertThat(Path.of(device.path + ".ferry-resume")).doesNotExist();
        }
    }

    @Test
    void shouldSendADevice() throws Exception {
        Path source = sparseSource();
        Path dest = dir.resolve("dest.bin");
        try (LoopDevice device = LoopDevice.attach(source)) {
            assumeTrue(device != null, "loop devices need root and losetup");
            try (Loop loop = new Loop(63)) {
                loop.receive(dest, ReceiverOptions.from(Settings.defaults()));
                loop.send(options(), Sources.file(device.path, BLOCK));
                assertThat(loop.sender.failure()).isNull();
                loop.runToEnd();
                assertThat(loop.receiver.state()).isEqualTo(StreamState.DONE);
            }
        }
        assertThat(Files.mismatch(source, dest)).as("first byte that differs").isEqualTo(-1);
    }
}
