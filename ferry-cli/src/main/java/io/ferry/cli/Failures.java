package io.ferry.cli;

import io.ferry.TransferStatus;

/**
 * A command's transfer failure as the user reads it: where one descriptor failed, its own cause, which
 * names the file, object or namespace and the range ("PUT s3://b/k (3000000 bytes): HTTP 404 ..."),
 * without the transfer's summary around it ("descriptor 0 (object s3://b/k, offset 0, length
 * 3000000): ..."), which numbers descriptors the user never saw.
 */
final class Failures {
    private Failures() {
    }

    /** Returns when {@code status} is DONE; else throws the single failure's cause, or the summary of several. */
    static void throwIfFailed(TransferStatus status) {
        if (status.failures().size() == 1) {
            throw status.failures().getFirst().cause();
        }
        status.throwIfFailed();
    }
}
