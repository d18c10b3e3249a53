package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.settings.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An agent with the file backend in {@code shards} shards and one scratch file open for reading and writing. */
final class FileFixture implements AutoCloseable {
    final Agent agent;
    final FileTarget file;

    /** With an agent the caller drives. */
    FileFixture(Path directory, int shards) {
        this(directory, shards, Agent::create);
    }

    /** With the agent {@code agents} makes of the settings (on a runtime, or on groups the test drives). */
    FileFixture(Path directory, int shards, Function<Settings, Agent> agents) {
        agent = agents.apply(Settings.builder().set(FileSettings.FILE_SHARDS, shards).build());
        FileBackend backend = agent.attach(FileBackend.factory());
        file = backend.open(directory.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE,
                OpenFlag.TRUNCATE);
    }

    /** Replaces the file's content, without Ferry. */
    void fill(byte[] content) {
        try {
            Files.write(file.path(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A transfer of consecutive slices of {@code memory}, one descriptor per length, to or from the
     * same consecutive bytes of the file from {@code fileOffset}.
     */
    Transfer prepare(TransferOp op, MemorySegment memory, long fileOffset, long... lengths) {
        List<Descriptor> descriptors = new ArrayList<>();
        long position = 0;
        for (long length : lengths) {
            descriptors.add(Descriptor.of(memory, position, length, file, fileOffset + position));
            position += length;
        }
        return agent.prepare(op, descriptors);
    }

    @Override
    public void close() {
        agent.close();
    }
}
