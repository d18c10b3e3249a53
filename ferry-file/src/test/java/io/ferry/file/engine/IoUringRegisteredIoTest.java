package io.ferry.file.engine;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.settings.Settings;
import io.ferry.spi.RegisteredIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The file backend on io_uring tells how its I/Os used registered buffers and files: writes from
 * registered memory count as fixed, writes from memory the agent never registered as plain, and
 * every I/O of an open file as on a registered file. Bytes are checked.
 */
@Timeout(60)
class IoUringRegisteredIoTest {
    private static final int SPAN = 256 * 1024;
    private static final long MAX_IO = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldCountFixedAndPlainIosByReason() throws IOException {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
        Settings settings = Settings.builder().set(FileSettings.FILE_ENGINE, "io_uring").set(FileSettings.FILE_SHARDS, 2)
                .set(FileSettings.MAX_IO_SIZE, MAX_IO).build();
        byte[] first = new byte[SPAN];
        byte[] second = new byte[SPAN];
        new Random(5).nextBytes(first);
        new Random(6).nextBytes(second);
        Path path = dir.resolve("out.bin");
        try (Arena arena = Arena.ofShared(); Agent agent = Agent.create(settings)) {
            FileBackend files = agent.attach(FileBackend.factory());
            MemorySegment registered = Memory.allocate(arena, SPAN).copyFrom(MemorySegment.ofArray(first));
            MemorySegment plain = Memory.allocate(arena, SPAN).copyFrom(MemorySegment.ofArray(second));
            agent.register(registered);
            try (FileTarget file = files.open(path, OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE)) {
                RegisteredIo before = files.registeredIo();

                write(agent, registered, file, 0);
                RegisteredIo afterRegistered = files.registeredIo().since(before);
                write(agent, plain, file, SPAN);
                RegisteredIo afterPlain = files.registeredIo().since(before);

                long ios = SPAN / MAX_IO;
                assertThat(afterRegistered).isEqualTo(new RegisteredIo(ios, 0, 0, 0, ios, 0, ""));
                assertThat(afterPlain).isEqualTo(new RegisteredIo(ios, ios, 0, 0, 2 * ios, 0, ""));
                assertThat(afterPlain.plainBufferIos()).isEqualTo(ios);
            }
        }
        byte[] written = Files.readAllBytes(path);
        assertThat(Arrays.copyOfRange(written, 0, SPAN)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(written, SPAN, 2 * SPAN)).isEqualTo(second);
    }

    private static void write(Agent agent, MemorySegment memory, FileTarget file, long offset) {
        Transfer transfer = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, offset)));
        transfer.post();
        transfer.await();
        transfer.status().throwIfFailed();
        transfer.release();
    }
}
