package io.ferry.file;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agent and backend lifecycles: nothing leaks, closing drains, bad settings are refused up front. */
class LifecycleTest {
    @TempDir
    Path dir;

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void shouldCloseEveryFileDescriptorWhenTheAgentCloses() throws IOException {
        long before = openFileDescriptors();
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            FileBackend files = agent.attach(FileBackend.factory());
            MemorySegment memory = arena.allocate(4096);
            for (int i = 0; i < 10; i++) {
                FileTarget file = files.open(dir.resolve("f" + i), OpenFlag.WRITE, OpenFlag.CREATE);
                try (Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, 0)))) {
                    write.post();
                    write.await().throwIfFailed();
                }
            }
            assertThat(openFileDescriptors()).isGreaterThanOrEqualTo(before + 10);
        }
        assertThat(openFileDescriptors()).isEqualTo(before);
    }

    @Test
    void shouldCancelAndDrainTransfersInFlightWhenTheAgentCloses() {
        Agent agent = Agent.create();
        FileTarget file = agent.attach(FileBackend.factory()).open(dir.resolve("x"), OpenFlag.WRITE, OpenFlag.CREATE);
        Transfer transfer = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(MemoryKind.HEAP.allocate(null, 100), file, 0)));
        transfer.post();
        agent.close();
        assertThat(transfer.state()).isEqualTo(TransferState.RELEASED);
        assertThat(file.isOpen()).isFalse();
        agent.close();
    }

    @Test
    void shouldRefuseAnIoSizeLargerThanABounceBuffer() {
        Settings settings = Settings.builder()
                .set(FileSettings.MAX_IO_SIZE, 2L << 20)
                .set(CoreSettings.BOUNCE_BUFFER_SIZE, 1L << 20)
                .build();
        try (Agent agent = Agent.create(settings)) {
            assertThatThrownBy(() -> agent.attach(FileBackend.factory()))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING);
                        assertThat(e.getMessage()).contains("MAX_IO_SIZE", "BOUNCE_BUFFER_SIZE");
                    });
        }
    }

    @Test
    void shouldRefuseMoreBounceBuffersThanTheMemoryBudgetBeforeAllocatingAny() {
        Settings settings = Settings.builder()
                .set(FileSettings.FILE_SHARDS, 1024)
                .set(CoreSettings.BOUNCE_BUFFER_COUNT, 64)
                .set(CoreSettings.BOUNCE_BUFFER_SIZE, 1L << 30)
                .set(FileSettings.MAX_IO_SIZE, 1L << 20)
                .build();
        try (Agent agent = Agent.create(settings)) {
            assertThatThrownBy(() -> agent.attach(FileBackend.factory()))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING);
                        assertThat(e.getMessage()).contains("FILE_SHARDS 1024 x BOUNCE_BUFFER_COUNT 64 x BOUNCE_BUFFER_SIZE 1g",
                                "64.0t", "exceeds the memory budget");
                    });
        }
    }

    @Test
    void shouldRefuseUnknownEnginesNamingTheKnownOnes() {
        Settings settings = Settings.builder().set(FileSettings.FILE_ENGINE, "warp-drive").build();
        try (Agent agent = Agent.create(settings)) {
            assertThatThrownBy(() -> agent.attach(FileBackend.factory()))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_ENGINE);
                        assertThat(e.getMessage()).contains("warp-drive", "psync");
                    });
        }
    }

    @Test
    void shouldRefuseMoreTransfersInFlightThanAllowed() {
        Settings settings = Settings.builder().set(CoreSettings.MAX_TRANSFERS_IN_FLIGHT, 2).build();
        try (Agent agent = Agent.create(settings)) {
            FileTarget file = agent.attach(FileBackend.factory()).open(dir.resolve("y"), OpenFlag.WRITE, OpenFlag.CREATE);
            MemorySegment memory = MemoryKind.HEAP.allocate(null, 10);
            Transfer[] transfers = new Transfer[3];
            for (int i = 0; i < 3; i++) {
                transfers[i] = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, i * 10L)));
            }
            transfers[0].post();
            transfers[1].post();
            assertThatThrownBy(transfers[2]::post).isInstanceOfSatisfying(FerryException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUEUE_FULL));
            assertThat(transfers[2].state()).isEqualTo(TransferState.PREPARED);
            transfers[0].await().throwIfFailed();
            transfers[2].post();
            transfers[1].await().throwIfFailed();
            transfers[2].await().throwIfFailed();
        }
    }

    @Test
    void shouldOpenMissingFilesAndDirectoriesWithClearErrors() {
        try (Agent agent = Agent.create()) {
            FileBackend files = agent.attach(FileBackend.factory());
            assertThatThrownBy(() -> files.open(dir.resolve("missing")))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("open(", "missing", "ENOENT");
                    });
            assertThatThrownBy(() -> files.open(dir)).hasMessageContaining("is a directory");
        }
    }
}
