package io.ferry.nvmf.device;

import io.ferry.file.FileEngines;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every block device through its channel: writes land, reads return them, write zeroes and
 * deallocate clear, flush completes, completions come only from poll, and a full channel says so.
 * The file device runs on real engines against a temporary file whose bytes are checked on disk.
 */
class BlockDeviceTest {
    private static final int BS = 4096;
    private static final int BLOCKS = 64;

    @TempDir
    Path dir;

    private final List<long[]> done = new ArrayList<>();
    private final Arena arena = Arena.ofShared();

    private BlockDevice open(String kind) throws IOException {
        if (kind.equals("memory")) {
            return new MemoryDevice(BLOCKS, BS);
        }
        if (kind.equals("null")) {
            return new NullDevice(BLOCKS, BS);
        }
        String[] parts = kind.split(":");
        IoEngine engine = FileEngines.builtins().find(parts[1]);
        assumeTrue(engine.support().supported(), () -> parts[1] + " unavailable: " + engine.support().reason());
        Path file = dir.resolve("disk.img");
        Files.write(file, new byte[BLOCKS * BS + 100]);
        return FileDevice.open(file, BS, parts.length > 2, engine, Settings.defaults());
    }

    private void drain(BlockChannel channel, int expected) {
        for (int polls = 0; done.size() < expected && polls < 1_000_000; polls++) {
            channel.poll();
        }
        assertThat(done).hasSize(expected);
    }

    private MemorySegment pattern(long seed, int bytes) {
        byte[] content = new byte[bytes];
        new Random(seed).nextBytes(content);
        MemorySegment memory = arena.allocate(bytes, 4096);
        MemorySegment.copy(MemorySegment.ofArray(content), 0, memory, 0, bytes);
        return memory;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "null", "file:psync", "file:io_uring", "file:io_uring:direct", "file:libaio:direct"})
    void shouldStoreReadClearAndFlushThroughChannel(String kind) throws IOException {
        try (BlockDevice device = open(kind); BlockChannel channel = device.openChannel(8, (tag, status) -> done.add(new long[] {tag, status}))) {
            assertThat(device.blockCount()).isEqualTo(BLOCKS);
            MemorySegment written = pattern(1, 8 * BS);
            assertThat(channel.write(4, 8, written, 0, 11)).isTrue();
            assertThat(done).as("never completes inside the submitting call").isEmpty();
            drain(channel, 1);
            assertThat(done.getFirst()).containsExactly(11, 0);

            MemorySegment read = arena.allocate(8 * BS, 4096);
            assertThat(channel.read(4, 8, read, 0, 12)).isTrue();
            assertThat(channel.flush(13)).isTrue();
            drain(channel, 3);
            assertThat(done).extracting(c -> c[1]).containsOnly(0L);
            boolean stores = !kind.equals("null");
            assertThat(read.mismatch(stores ? written : arena.allocate(8 * BS))).isEqualTo(-1);

            assertThat(channel.writeZeroes(5, 2, 14)).isTrue();
            assertThat(channel.deallocate(8, 3, 15)).isTrue();
            drain(channel, 5);
            assertThat(done.subList(3, 5)).extracting(c -> c[1]).containsOnly(0L);
            assertThat(channel.read(4, 8, read, 0, 16)).isTrue();
            drain(channel, 6);
            byte[] expected = stores ? written.toArray(ValueLayout.JAVA_BYTE) : new byte[8 * BS];
            Arrays.fill(expected, BS, 3 * BS, (byte) 0);
            Arrays.fill(expected, 4 * BS, 7 * BS, (byte) 0);
            assertThat(read.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(expected);
            if (kind.startsWith("file")) {
                byte[] disk = Files.readAllBytes(dir.resolve("disk.img"));
                assertThat(disk).hasSize(BLOCKS * BS + 100);
                assertThat(Arrays.copyOfRange(disk, 4 * BS, 12 * BS)).as("bytes on disk").isEqualTo(expected);
                assertThat(Arrays.copyOfRange(disk, 0, 4 * BS)).isEqualTo(new byte[4 * BS]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "null", "file:psync", "file:io_uring"})
    void shouldRefuseSubmissionWhenChannelIsFull(String kind) throws IOException {
        try (BlockDevice device = open(kind); BlockChannel channel = device.openChannel(2, (tag, status) -> done.add(new long[] {tag, status}))) {
            MemorySegment buffer = arena.allocate(3 * BS, 4096);
            assertThat(channel.read(0, 1, buffer, 0, 1)).isTrue();
            assertThat(channel.read(1, 1, buffer, BS, 2)).isTrue();
            assertThat(channel.read(2, 1, buffer, 2 * BS, 3)).isFalse();
            drain(channel, 2);
            assertThat(channel.read(2, 1, buffer, 2 * BS, 3)).isTrue();
            drain(channel, 3);
        }
    }

    @Test
    void shouldGiveEachPollGroupItsOwnQueueToOneFile() throws IOException {
        IoEngine engine = FileEngines.builtins().find("psync");
        Path file = dir.resolve("shared.img");
        Files.write(file, new byte[BLOCKS * BS]);
        try (FileDevice device = FileDevice.open(file, BS, false, engine, Settings.defaults());
             BlockChannel first = device.openChannel(4, (tag, status) -> done.add(new long[] {tag, status}));
             BlockChannel second = device.openChannel(4, (tag, status) -> done.add(new long[] {tag, status}))) {
            MemorySegment a = pattern(2, BS);
            MemorySegment b = pattern(3, BS);
            assertThat(first.write(0, 1, a, 0, 1)).isTrue();
            assertThat(second.write(1, 1, b, 0, 2)).isTrue();
            drain(first, 1);
            drain(second, 2);
            byte[] disk = Files.readAllBytes(file);
            assertThat(Arrays.copyOfRange(disk, 0, BS)).isEqualTo(a.toArray(ValueLayout.JAVA_BYTE));
            assertThat(Arrays.copyOfRange(disk, BS, 2 * BS)).isEqualTo(b.toArray(ValueLayout.JAVA_BYTE));
        }
    }
}
