package io.ferry.runtime;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferStatus;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs a transfer to completion on the calling thread: post, await, fail unless DONE. While a
 * runtime drives the agent the caller parks; otherwise it drives the agent by polling it.
 *
 * <p>Threads: call from the thread that owns the transfer, never from a poll group's thread (it
 * would wait for itself).
 */
public final class BlockingTransfers {
    private BlockingTransfers() {
    }

    /**
     * Posts the transfer and waits for it without limit.
     *
     * @return the final status, always DONE
     * @throws FerryException when the post is refused, or the exception of
     *                        {@link TransferStatus#throwIfFailed()} naming every failed descriptor
     */
    public static TransferStatus run(Transfer transfer) {
        Objects.requireNonNull(transfer, "transfer").post();
        return transfer.await().throwIfFailed();
    }

    /**
     * Posts the transfer and waits at most {@code timeout}. When time runs out the transfer is
     * cancelled, not awaited: it stays in flight until the I/O already issued ends, so await it
     * before touching its memory again.
     *
     * @return the final status, always DONE
     * @throws FerryException {@link ErrorCode#TIMED_OUT} when time ran out, otherwise as
     *                        {@link #run(Transfer)}
     */
    public static TransferStatus run(Transfer transfer, Duration timeout) {
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(timeout, "timeout");
        transfer.post();
        TransferStatus status;
        try {
            status = transfer.await(timeout);
        } catch (FerryException e) {
            if (e.errorCode() != ErrorCode.TIMED_OUT) {
                throw e;
            }
            transfer.cancel();
            throw new FerryException(ErrorCode.TIMED_OUT, e.getMessage()
                    + "; it was cancelled and stays in flight until its issued I/O ends: await it before reusing its memory", e);
        }
        return status.throwIfFailed();
    }
}
