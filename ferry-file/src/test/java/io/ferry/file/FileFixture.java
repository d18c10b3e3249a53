package io.ferry.file;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngineRegistry;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent with a file backend on one engine, and helpers for byte-exact checks. */
final class FileFixture implements AutoCloseable {
    final Agent agent;
    final FileBackend files;
    final Arena arena = Arena.ofShared();

    FileFixture(String engine, IoEngineRegistry engines, Settings.Builder settings) {
        agent = Agent.create(settings.set(FileSettings.FILE_ENGINE, engine).build());
        files = agent.attach(FileBackend.factory(engines));
    }

    FileFixture(String engine) {
        this(engine, FileEngines.builtins(), Settings.builder());
    }

    FileTarget openReadWrite(Path path) {
        return files.open(path, OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
    }

    /** Prepares, posts, awaits and releases one transfer; returns its final status. */
    TransferStatus run(TransferOp op, Descriptor... descriptors) {
        try (Transfer transfer = agent.prepare(op, List.of(descriptors))) {
            transfer.post();
            return transfer.await();
        }
    }

    /**
     * Writes random bytes of every size at every offset from memory of {@code kind}, reads them back
     * into fresh memory of the same kind, and checks both the memory and the file on disk.
     */
    void assertRoundTrips(FileTarget file, MemoryKind kind, int[] sizes, long[] offsets) throws IOException {
        assertRoundTrips(file, size -> kind.allocate(arena, size), sizes, offsets);
    }

    /** {@link #assertRoundTrips(FileTarget, MemoryKind, int[], long[])} with memory from {@code allocator}. */
    void assertRoundTrips(FileTarget file, IntFunction<MemorySegment> allocator, int[] sizes, long[] offsets)
            throws IOException {
        long seed = 1;
        for (int size : sizes) {
            for (long offset : offsets) {
                byte[] expected = randomBytes(size, seed++);
                MemorySegment source = allocator.apply(size);
                fill(source, expected);
                run(TransferOp.WRITE, Descriptor.of(source, file, offset)).throwIfFailed();

                MemorySegment target = allocator.apply(size);
                run(TransferOp.READ, Descriptor.of(target, file, offset)).throwIfFailed();

                assertThat(toBytes(target)).as("size %d at offset %d", size, offset).isEqualTo(expected);
                byte[] onDisk = Arrays.copyOfRange(Files.readAllBytes(file.path()), (int) offset, (int) offset + size);
                assertThat(onDisk).as("file bytes, size %d at offset %d", size, offset).isEqualTo(expected);
            }
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] toBytes(MemorySegment memory) {
        return memory.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    static void fill(MemorySegment memory, byte[] bytes) {
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, memory, 0, bytes.length);
    }

    @Override
    public void close() {
        agent.close();
        arena.close();
    }
}
