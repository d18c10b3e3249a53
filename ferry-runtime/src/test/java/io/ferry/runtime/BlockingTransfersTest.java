package io.ferry.runtime;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockingTransfersTest {
    private static final int SIZE = 1 << 20;

    @TempDir
    Path directory;
    private FileFixture fixture;
    private final byte[] data = new byte[SIZE];

    @BeforeEach
    void openFile() {
        new Random(3).nextBytes(data);
        fixture = new FileFixture(directory, 2);
        fixture.fill(data);
    }

    @AfterEach
    void closeAgent() {
        fixture.close();
    }

    @Test
    void shouldReturnTheDoneStatusWhileARuntimeDrivesTheAgent() throws java.io.IOException {
        byte[] readBack = new byte[SIZE];
        try (FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).build();
             FileFixture driven = new FileFixture(java.nio.file.Files.createDirectories(directory.resolve("driven")), 2,
                     runtime::newAgent)) {
            driven.fill(data);
            Transfer read = driven.prepare(TransferOp.READ, Memory.wrap(readBack), 0, SIZE / 4, SIZE / 4, SIZE / 2);

            assertThat(BlockingTransfers.run(read, Eventually.TIMEOUT).state()).isEqualTo(TransferState.DONE);
        }
        assertThat(readBack).isEqualTo(data);
    }

    @Test
    void shouldThrowNamingTheFailedDescriptor() {
        Transfer pastTheEnd = fixture.prepare(TransferOp.READ, Memory.wrap(new byte[8192]), SIZE - 4096, 8192);

        assertThatThrownBy(() -> BlockingTransfers.run(pastTheEnd))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.END_OF_FILE))
                .hasMessageContaining("descriptor 0 ");
    }

    @Test
    void shouldCancelTheTransferWhenTimeRunsOut() throws java.io.IOException {
        try (ManualGroup manual = new ManualGroup();
             FileFixture undriven = new FileFixture(java.nio.file.Files.createDirectories(directory.resolve("manual")), 1,
                     manual::agent)) {
            undriven.fill(data);
            Transfer stalled = undriven.prepare(TransferOp.READ, Memory.wrap(new byte[SIZE]), 0, SIZE);

            assertThatThrownBy(() -> BlockingTransfers.run(stalled, Duration.ofMillis(1)))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TIMED_OUT))
                    .hasMessageContaining("cancelled");

            manual.driveUntil("the cancelled transfer ended", () -> stalled.state().isComplete());
            assertThat(stalled.state()).isEqualTo(TransferState.CANCELLED);
            manual.close();
        }
    }
}
