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
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

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
