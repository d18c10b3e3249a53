package io.ferry.nvmf.target;

import io.ferry.file.FileEngines;
import io.ferry.nvmf.device.FileDevice;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.Splits;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A namespace over a file on a real engine: what hosts write is on disk, byte for byte; deallocate punches holes;
 * a file that shrank fails the reads past its end.
 */
class FileNamespaceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"psync", "io_uring", "libaio"})
    void shouldWriteReadAndDeallocateBytesOnDisk(String engineName) throws IOException {
        IoEngine engine = FileEngines.builtins().find(engineName);
        assumeTrue(engine.support().supported(), () -> engineName + " unavailable: " + engine.support().reason());
        Path file = dir.resolve("disk.img");
        int blocks = 1024;
        Files.write(file, new byte[blocks * 512]);
        try (Harness harness = new Harness(TargetOptions.defaults(),
                FileDevice.open(file, 512, engineName.equals("libaio"), engine, Settings.defaults()))) {
            harness.admin(Splits.RANDOM, true, true);
            HostConnection io = harness.io(Splits.RANDOM, true, true, 32);
            byte[] content = new byte[96 * 1024];
            new Random(7).nextBytes(content);
            DataBuffer data = io.buffer(content.length);
            MemorySegment.copy(MemorySegment.ofArray(content), 0, data.memory(), 0, content.length);

            assertThat(io.write(1, 8, 8, data, 4096).status()).as("in capsule").isZero();
            assertThat(io.write(1, 64, 192, data, content.length).status()).as("by R2T").isZero();
            assertThat(io.execute((sqe, cid) -> HostCommands.flush(sqe, cid, 1)).status()).isZero();
            byte[] disk = Files.readAllBytes(file);
            assertThat(Arrays.copyOfRange(disk, 8 * 512, 8 * 512 + 4096)).isEqualTo(Arrays.copyOf(content, 4096));
            assertThat(Arrays.copyOfRange(disk, 64 * 512, 64 * 512 + content.length)).isEqualTo(content);

            DataBuffer back = io.buffer(content.length);
            assertThat(io.read(1, 64, 192, back, content.length).status()).isZero();
            assertThat(back.memory().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(content);

            DataBuffer ranges = io.buffer(16);
            HostCommands.range(ranges.view(), 0, 64, 64);
            assertThat(io.execute((sqe, cid) -> HostCommands.datasetManagement(sqe, cid, 1, 1, true), ranges, 16, true)
                    .status()).isZero();
            assertThat(io.execute((sqe, cid) -> HostCommands.writeZeroes(sqe, cid, 1, 128, 8)).status()).isZero();
            byte[] after = Files.readAllBytes(file);
            byte[] expected = disk.clone();
            Arrays.fill(expected, 64 * 512, 128 * 512, (byte) 0);
            Arrays.fill(expected, 128 * 512, 136 * 512, (byte) 0);
            assertThat(after).hasSize(blocks * 512).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"psync", "io_uring", "libaio"})
    void shouldFailReadsPastTheEndOfAFileThatShrankAndServeTheRest(String engineName) throws IOException {
        IoEngine engine = FileEngines.builtins().find(engineName);
        assumeTrue(engine.support().supported(), () -> engineName + " unavailable: " + engine.support().reason());
        Path file = dir.resolve("disk.img");
        byte[] content = new byte[1024 * 512];
        new Random(8).nextBytes(content);
        Files.write(file, content);
        try (Harness harness = new Harness(TargetOptions.defaults(),
                FileDevice.open(file, 512, false, engine, Settings.defaults()))) {
            harness.admin(Splits.RANDOM, true, true);
            HostConnection io = harness.io(Splits.RANDOM, true, true, 32);
            try (FileChannel shrink = FileChannel.open(file, StandardOpenOption.WRITE)) {
                shrink.truncate(100 * 512 + 100);
            }
            DataBuffer back = io.buffer(8 * 512);
            assertThat(io.read(1, 96, 8, back, 8 * 512).status()).as("blocks 96-103 reach past the end")
                    .isEqualTo(Status.UNRECOVERED_READ_ERROR);
            assertThat(io.read(1, 200, 8, back, 8 * 512).status()).isEqualTo(Status.UNRECOVERED_READ_ERROR);
            assertThat(io.read(1, 92, 8, back, 8 * 512).status()).as("blocks 92-99 are all there").isZero();
            assertThat(back.memory().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(Arrays.copyOfRange(content, 92 * 512, 100 * 512));
        }
    }
}
