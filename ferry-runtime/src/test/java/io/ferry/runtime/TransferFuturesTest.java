package io.ferry.runtime;

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

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Futures over an agent on a poll group that nobody drives until the test polls it, so that transfers stay in flight on purpose. */
class TransferFuturesTest {
    @TempDir
    Path directory;
    private final ManualGroup manual = new ManualGroup();
    private FileFixture fixture;
    private final byte[] data = new byte[64 << 10];

    @BeforeEach
    void openFile() {
        fixture = new FileFixture(directory, 1, manual::agent);
        fixture.fill(data);
    }

    @AfterEach
    void closeAgent() {
        manual.close();
        fixture.close();
    }

    private Transfer read() {
        return fixture.prepare(TransferOp.READ, Memory.wrap(new byte[data.length]), 0, data.length);
    }

    private static void assertFailedWith(CompletableFuture<?> future, ErrorCode code) {
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void shouldCompleteWhenTheThreadPollingTheAgentFinishesTheTransfer() {
        Transfer transfer = read();
        CompletableFuture<TransferStatus> future = TransferFutures.post(transfer);
        assertThat(future).isNotDone();

        manual.driveUntil("the transfer done", () -> transfer.state().isComplete());

        assertThat(future).isCompletedWithValueMatching(TransferStatus::isDone);
    }

    @Test
    void shouldFailAtOnceForAnAgentOnlyItsCallerDrives() throws java.io.IOException {
        try (FileFixture invoker = new FileFixture(java.nio.file.Files.createDirectories(directory.resolve("invoker")), 1)) {
            Transfer transfer = invoker.prepare(TransferOp.READ, Memory.wrap(new byte[10]), 0, 10);

            assertFailedWith(TransferFutures.post(transfer), ErrorCode.ILLEGAL_STATE);
            assertThatThrownBy(() -> TransferFutures.post(transfer).get()).cause().hasMessageContaining("ThreadingMode.INVOKER");
            assertThat(transfer.state()).as("not posted").isEqualTo(TransferState.PREPARED);
        }
    }

    @Test
    void shouldFailTheFutureWithTheExceptionOfARefusedPost() {
        Transfer transfer = read();
        transfer.release();

        assertFailedWith(TransferFutures.post(transfer), ErrorCode.CLOSED);
        assertFailedWith(TransferFutures.postChecked(transfer), ErrorCode.CLOSED);
    }

    @Test
    void shouldRefuseASecondPostWithoutLosingTheFirstFuture() {
        Transfer transfer = read();
        CompletableFuture<TransferStatus> first = TransferFutures.post(transfer);

        assertFailedWith(TransferFutures.post(transfer), ErrorCode.ILLEGAL_STATE);

        manual.driveUntil("the transfer done", () -> transfer.state().isComplete());
        assertThat(transfer.state()).isEqualTo(TransferState.DONE);
        assertThat(first).isCompletedWithValueMatching(TransferStatus::isDone);
    }

    @Test
    void shouldCompleteCheckedFutureNormallyWhenDone() {
        Transfer transfer = read();
        CompletableFuture<TransferStatus> future = TransferFutures.postChecked(transfer);

        manual.driveUntil("the transfer done", () -> transfer.state().isComplete());

        assertThat(future).isCompletedWithValueMatching(TransferStatus::isDone);
    }
}
