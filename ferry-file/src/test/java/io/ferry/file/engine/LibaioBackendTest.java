package io.ferry.file.engine;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Memory;
import io.ferry.file.DrivenGroups;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many transfers in flight at once through the real file backend on libaio, with four shards each
 * polled by its own thread, on buffered and O_DIRECT files. With O_DIRECT the memory, offsets and
 * lengths are 4096-aligned, so every I/O goes from the caller's memory straight to the kernel.
 */
class LibaioBackendTest {
    private static final int TRANSFERS = 96;
    private static final int DESCRIPTORS = 3;
    private static final int BLOCK = 4096;
    private static final int DESCRIPTOR_LENGTH = 5 * BLOCK;
    private static final int SHARDS = 4;

    @TempDir
    Path dir;

    @BeforeEach
    void checkSupport() {
        assumeTrue(new LibaioEngine().support().supported(), () -> new LibaioEngine().support().reason());
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void shouldMoveManyConcurrentTransfersByteExact(boolean direct) throws Exception {
        Path path = dir.resolve("data.bin");
        Settings settings = Settings.builder()
                .set(FileSettings.FILE_ENGINE, LibaioEngine.NAME)
                .set(FileSettings.FILE_SHARDS, SHARDS)
                .set(FileSettings.QUEUE_DEPTH, 8)
                .set(FileSettings.MAX_IO_SIZE, 2L * BLOCK)
                .set(FileSettings.AIO_EVENTS_BATCH, 4)
                .build();
        try (Arena arena = Arena.ofShared(); DrivenGroups groups = new DrivenGroups(SHARDS); Agent agent = groups.agent(settings)) {
            FileBackend files = agent.attach(FileBackend.factory());
            List<OpenFlag> flags = new ArrayList<>(List.of(OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE));
            if (direct) {
                flags.add(OpenFlag.DIRECT);
            }
            FileTarget file = files.open(path, flags.toArray(OpenFlag[]::new));
            assertThat(file.isDirect()).isEqualTo(direct);
            int count = TRANSFERS * DESCRIPTORS;
            long total = (long) count * DESCRIPTOR_LENGTH;
            MemorySegment source = Memory.allocate(arena, total, BLOCK);
            MemorySegment target = Memory.allocate(arena, total, BLOCK);
            byte[] expected = new byte[(int) total];
            new Random(direct ? 7 : 3).nextBytes(expected);
            MemorySegment.copy(MemorySegment.ofArray(expected), 0, source, 0, total);

            runAll(agent, TransferOp.WRITE, source, file);
            assertThat(Files.readAllBytes(path)).isEqualTo(expected);
            runAll(agent, TransferOp.READ, target, file);
            assertThat(target.mismatch(source)).isEqualTo(-1);
        }
    }

    /** Posts every transfer before awaiting any; descriptors of one transfer are scattered over the file. */
    private static void runAll(Agent agent, TransferOp op, MemorySegment memory, FileTarget file) {
        List<Transfer> transfers = new ArrayList<>();
        for (int t = 0; t < TRANSFERS; t++) {
            List<Descriptor> descriptors = new ArrayList<>();
            for (int d = 0; d < DESCRIPTORS; d++) {
                long offset = (long) (d * TRANSFERS + t) * DESCRIPTOR_LENGTH;
                descriptors.add(Descriptor.of(memory, offset, DESCRIPTOR_LENGTH, file, offset));
            }
            Transfer transfer = agent.prepare(op, descriptors);
            transfer.post();
            transfers.add(transfer);
        }
        for (Transfer transfer : transfers) {
            transfer.await().throwIfFailed();
            transfer.close();
        }
    }
}
