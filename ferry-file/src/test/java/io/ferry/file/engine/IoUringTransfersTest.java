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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Many transfers in flight at once through the file backend on io_uring, byte-exact. */
@Timeout(120)
class IoUringTransfersTest {
    private static final int TRANSFERS = 96;
    private static final int DESCRIPTORS = 4;
    private static final int SIZE = 50_001;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
    }

    @Test
    void shouldCompleteManyConcurrentTransfersByteExact() throws IOException {
        Settings settings = Settings.builder()
                .set(FileSettings.FILE_ENGINE, IoUringEngine.NAME)
                .set(FileSettings.FILE_SHARDS, 2)
                .set(FileSettings.QUEUE_DEPTH, 8)
                .set(FileSettings.MAX_IO_SIZE, 4096L)
                .build();
        Path path = dir.resolve("many.bin");
        try (Agent agent = Agent.create(settings); Arena arena = Arena.ofShared()) {
            FileBackend files = agent.attach(FileBackend.factory());
            FileTarget file = files.open(path, OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
            byte[] expected = new byte[TRANSFERS * DESCRIPTORS * SIZE];
            new Random(7).nextBytes(expected);
            MemorySegment source = Memory.allocate(arena, expected.length);
            MemorySegment.copy(MemorySegment.ofArray(expected), 0, source, 0, expected.length);
            MemorySegment target = Memory.allocate(arena, expected.length);

            runConcurrently(agent, TransferOp.WRITE, source, file);
            assertThat(Files.readAllBytes(path)).isEqualTo(expected);
            runConcurrently(agent, TransferOp.READ, target, file);
            assertThat(target.toArray(JAVA_BYTE)).isEqualTo(expected);
        }
    }

    /** Posts every transfer before awaiting any, so that all of them are in flight together. */
    private static void runConcurrently(Agent agent, TransferOp op, MemorySegment memory, FileTarget file) {
        List<Transfer> transfers = new ArrayList<>();
        for (int t = 0; t < TRANSFERS; t++) {
            Descriptor[] descriptors = new Descriptor[DESCRIPTORS];
            for (int d = 0; d < DESCRIPTORS; d++) {
                // Descriptors of one transfer are scattered over the file, interleaved with other transfers'.
                long offset = ((long) d * TRANSFERS + t) * SIZE;
                descriptors[d] = Descriptor.of(memory, offset, SIZE, file, offset);
            }
            Transfer transfer = agent.prepare(op, Arrays.asList(descriptors));
            transfer.post();
            transfers.add(transfer);
        }
        for (Transfer transfer : transfers) {
            transfer.await().throwIfFailed();
            transfer.close();
        }
    }
}
