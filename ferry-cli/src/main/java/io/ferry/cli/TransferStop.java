package io.ferry.cli;

import io.ferry.DescriptorFailure;
import io.ferry.ErrorCode;
import io.ferry.Transfer;
import io.ferry.TransferStatus;

import java.time.Duration;

/**
 * A transfer stopped by a signal: cancelled (an S3 multipart upload is then aborted, so no parts stay behind).
 *
 * @param what the transfer for the message, such as {@code the upload to s3://bucket/key}
 */
record TransferStop(Transfer transfer, String what) implements StopOnSignal.Stoppable {

    @Override
    public void cancel() {
        transfer.cancel();
    }

    @Override
    public String outcome() {
        TransferStatus status = transfer.status();
        if (status.isDone()) {
            return what + " had completed";
        }
        return status.failures().stream().allMatch(f -> f.cause().errorCode() == ErrorCode.CANCELLED)
                ? what + " was cancelled; nothing of it was written"
                : what + " failed: " + status.failures().stream().map(DescriptorFailure::toString).findFirst().orElseThrow();
    }

    @Override
    public String unfinished(Duration grace) {
        return what + " did not stop within " + grace.toSeconds() + " s: parts of it may remain on the server";
    }
}
