package io.ferry;

import java.util.List;

/**
 * A snapshot of a transfer's state and, once it has failed or was cancelled, of every descriptor
 * that did not complete.
 *
 * @param state    the transfer's state when the snapshot was taken
 * @param failures the descriptors that did not complete, in descriptor order; empty unless FAILED or CANCELLED
 */
public record TransferStatus(TransferState state, List<DescriptorFailure> failures) {
    /** Copies {@code failures}, so the snapshot does not change. */
    public TransferStatus {
        failures = List.copyOf(failures);
    }

    /** Whether the transfer completed with every descriptor moved. */
    public boolean isDone() {
        return state == TransferState.DONE;
    }

    /**
     * Returns normally when DONE; otherwise throws a {@link FerryException} that names the failed
     * descriptor (one line), or lists every failed descriptor (one line each).
     */
    public TransferStatus throwIfFailed() {
        if (state == TransferState.DONE) {
            return this;
        }
        if (failures.isEmpty()) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "transfer is " + state);
        }
        StringBuilder message = new StringBuilder();
        if (failures.size() == 1) {
            message.append(failures.getFirst());
        } else {
            message.append("transfer ").append(state).append(": ").append(failures.size()).append(" descriptors failed");
            for (DescriptorFailure failure : failures) {
                message.append("\n  ").append(failure);
            }
        }
        FerryException first = failures.getFirst().cause();
        ErrorCode code = state == TransferState.CANCELLED ? ErrorCode.CANCELLED : first.errorCode();
        FerryException summary = new FerryException(code, message.toString(), first.errno(), first);
        failures.stream().skip(1).limit(16).forEach(f -> summary.addSuppressed(f.cause()));
        throw summary;
    }

    /**
     * As {@link #throwIfFailed()}, for people who never saw the descriptors: when one descriptor failed,
     * throws its own cause, which names its target and range ("pwrite(file x, offset 0, length 4096)
     * failed: ENOSPC"), without the descriptor's number and range around it.
     */
    public TransferStatus throwCauseIfFailed() {
        if (state != TransferState.DONE && failures.size() == 1) {
            throw failures.getFirst().cause();
        }
        return throwIfFailed();
    }
}
