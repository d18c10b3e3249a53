package io.ferry.runtime;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ThreadingMode;
import io.ferry.Transfer;
import io.ferry.TransferState;
import io.ferry.TransferStatus;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Posts transfers and reports their completion through a {@link CompletableFuture}, for agents that
 * poll groups drive ({@link ThreadingMode#POLL_GROUPS}); on an agent that only its caller drives, the
 * future fails at once, since nothing would complete it. The future is completed by the poll group
 * that completes the transfer. Stages chained with the non-async methods run on that thread, inside
 * the transfer's completion listener: anything slow, and any new post of the same transfer, belongs
 * in an {@code ...Async} stage.
 *
 * <p>Each call replaces the transfer's completion listener ({@link Transfer#onCompletion}); do not
 * set another one while the future is pending. Threads: call from the thread that posts the
 * transfer, as for {@link Transfer#post()}.
 */
public final class TransferFutures {
    private TransferFutures() {
    }

    /**
     * Posts the transfer; the future completes normally with the final status, whatever the final
     * state (DONE, FAILED or CANCELLED). If the post is refused, the future completes exceptionally
     * with the exception {@link Transfer#post()} threw; a transfer still in flight is refused
     * without touching its listener, so its earlier future still completes.
     */
    public static CompletableFuture<TransferStatus> post(Transfer transfer) {
        return post(transfer, CompletableFuture::complete);
    }

    /**
     * Like {@link #post(Transfer)}, but the future completes exceptionally with the
     * {@link FerryException} of {@link TransferStatus#throwIfFailed()} unless the transfer is DONE;
     * that exception names every descriptor that failed.
     */
    public static CompletableFuture<TransferStatus> postChecked(Transfer transfer) {
        return post(transfer, TransferFutures::completeChecked);
    }

    private static void completeChecked(CompletableFuture<TransferStatus> future, TransferStatus status) {
        try {
            future.complete(status.throwIfFailed());
        } catch (FerryException failure) {
            future.completeExceptionally(failure);
        }
    }

    private static CompletableFuture<TransferStatus> post(Transfer transfer,
            BiConsumer<CompletableFuture<TransferStatus>, TransferStatus> completer) {
        Objects.requireNonNull(transfer, "transfer");
        CompletableFuture<TransferStatus> future = new CompletableFuture<>();
        if (transfer.threadingMode() == ThreadingMode.INVOKER) {
            future.completeExceptionally(new FerryException(ErrorCode.ILLEGAL_STATE, "nothing drives this transfer's agent "
                    + "but its caller (ThreadingMode.INVOKER), so the future would complete only inside agent.poll(); "
                    + "make the agent on a runtime (FerryRuntime.newAgent) or use Transfer.await()"));
            return future;
        }
        TransferState state = transfer.state();
        if (state == TransferState.POSTED || state == TransferState.IN_PROGRESS) {
            future.completeExceptionally(new FerryException(ErrorCode.ILLEGAL_STATE,
                    "transfer is " + state + "; await it before posting again"));
            return future;
        }
        transfer.onCompletion(status -> completer.accept(future, status));
        try {
            transfer.post();
        } catch (RuntimeException refused) {
            future.completeExceptionally(refused);
        }
        return future;
    }
}
