package io.ferry.runtime;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file backend in two shards driven by a runtime of two poll groups, while the test thread posts and waits. */
class FileRoundTripTest {
    private static final int SIZE = 32 << 20;
    private static final int TRANSFERS = 4;
    private static final long PER_TRANSFER = SIZE / TRANSFERS;
    /** Uneven descriptor lengths that add up to {@link #PER_TRANSFER}, so slices start at odd addresses. */
    private static final long[] DESCRIPTOR_LENGTHS = {(1 << 20) + 3, (3 << 20) - 3, 1 << 20, 3 << 20};

    @TempDir
    Path directory;
    private FileFixture fixture;
    private FerryRuntime runtime;

    @BeforeEach
    void startRuntime() {
        runtime = FerryRuntime.builder().pollGroups(2).threadNamePrefix("round-trip").build();
        fixture = new FileFixture(directory, 2, runtime::newAgent);
    }

    @AfterEach
    void closeAll() {
        fixture.close();
        runtime.close();
    }

    /** Posts every transfer at once, half through futures and half directly, then waits for all. */
    private static void runConcurrently(List<Transfer> transfers) throws Exception {
        List<CompletableFuture<TransferStatus>> futures = new ArrayList<>();
        for (int i = 0; i < transfers.size(); i++) {
            if (i % 2 == 0) {
                futures.add(TransferFutures.post(transfers.get(i)));
            } else {
                transfers.get(i).post();
            }
        }
        for (int i = 1; i < transfers.size(); i += 2) {
            assertThat(transfers.get(i).await(Eventually.TIMEOUT).state()).isEqualTo(TransferState.DONE);
        }
        for (CompletableFuture<TransferStatus> future : futures) {
            assertThat(future.get(Eventually.TIMEOUT.toSeconds(), TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
        }
    }

    private List<Transfer> prepareAll(TransferOp op, MemorySegment memory) {
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            long offset = i * PER_TRANSFER;
            transfers.add(fixture.prepare(op, memory.asSlice(offset, PER_TRANSFER), offset, DESCRIPTOR_LENGTHS));
        }
        return transfers;
    }

    @Test
    void shouldWriteHeapAndReadBackIntoNativeMemoryThroughPollGroups() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(20250101L).nextBytes(data);
        assertThat(fixture.agent.threadingMode()).isEqualTo(io.ferry.ThreadingMode.POLL_GROUPS);

        runConcurrently(prepareAll(TransferOp.WRITE, Memory.wrap(data)));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment readBack = Memory.allocate(arena, SIZE);
            runConcurrently(prepareAll(TransferOp.READ, readBack));

            assertThat(MemorySegment.mismatch(Memory.wrap(data), 0, SIZE, readBack, 0, SIZE)).isEqualTo(-1L);
        }
        assertThat(fixture.file.size()).isEqualTo(SIZE);
        assertThat(runtime.pollGroups()).allMatch(group -> group.dutyCycles() > 0);
        assertThat(runtime.errorCount()).isZero();
    }

    @Test
    void shouldReportTheFailedDescriptorOfAReadPastTheEndOfTheFile() throws Exception {
        fixture.fill(new byte[SIZE]);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = Memory.allocate(arena, 4096 + 8192);
            Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(
                    Descriptor.of(memory, 0, 4096, fixture.file, 0),
                    Descriptor.of(memory, 4096, 8192, fixture.file, SIZE - 4096)));

            TransferStatus status = TransferFutures.post(transfer).get(Eventually.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(status.state()).isEqualTo(TransferState.FAILED);
            assertThat(status.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.index()).isEqualTo(1);
                assertThat(failure.cause().errorCode()).isEqualTo(ErrorCode.END_OF_FILE);
            });

            CompletableFuture<TransferStatus> checked = TransferFutures.postChecked(transfer);
            assertThatThrownBy(() -> checked.get(Eventually.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.END_OF_FILE))
                    .hasMessageContaining("descriptor 1 ");
        }
    }

    @Test
    void shouldCloseTheAgentAndItsFilesWhenTheRuntimeCloses() {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        fixture.fill(data);
        byte[] readBack = new byte[data.length];
        Transfer read = fixture.prepare(TransferOp.READ, Memory.wrap(readBack), 0, data.length / 2, data.length / 2);
        assertThat(BlockingTransfers.run(read).state()).isEqualTo(TransferState.DONE);
        assertThat(readBack).isEqualTo(data);

        runtime.close();

        assertThat(fixture.file.isOpen()).isFalse();
        assertThat(Eventually.liveThreadsNamed("round-trip")).isEmpty();
    }
}
