package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.s3.S3Error;
import io.ferry.remote.s3.S3Xml;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An S3 object written by a multipart upload: start it, send the parts side by side, complete it.
 * When a part fails for good (or the transfer is cancelled, or its agent closed) no further part is
 * sent, the parts in flight are awaited and the upload is aborted, so that no orphan parts stay in
 * the bucket.
 *
 * <p>A cancel stops the parts only: the requests that start, complete or abort the upload are
 * small and run to their end (with retries), so that a cancelled upload is always completed or
 * aborted, never left behind, even when the cancel came while it was being started.
 */
final class MultipartWrite extends ObjectWrite {
    /** S3 allows at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;

    private enum Step { START, PARTS, COMPLETE, ABORT, DONE }

    private final long partSize;
    private final int partCount;
    /** Read without the plan's lock by the engine, through {@link #isCancelled()}. */
    private volatile Step step;
    private boolean stepIssued;
    private String uploadId;
    private S3Xml.UploadedPart[] parts;
    private int nextPart;
    private int partsInFlight;
    private FerryException failure;

    MultipartWrite(WritePlan plan, RemoteObject object, int[] descriptors, long partSize) {
        super(plan, object, descriptors);
        // A larger part where the object would need more parts than S3 allows.
        long needed = Math.ceilDiv(object.size(), MAX_PARTS);
        this.partSize = Math.max(partSize, Math.ceilDiv(needed, 1 << 20) << 20);
        this.partCount = (int) Math.ceilDiv(object.size(), this.partSize);
    }

    @Override
    void reset() {
        step = Step.START;
        stepIssued = false;
        uploadId = null;
        parts = new S3Xml.UploadedPart[partCount];
        nextPart = 0;
        partsInFlight = 0;
        failure = null;
    }

    @Override
    HttpTask nextTask() {
        return switch (step) {
            case START -> once(() -> MultipartRequests.start(object.access(), this, object.metadata()));
            case PARTS -> {
                if (nextPart < partCount) {
                    yield part(nextPart++);
                }
                afterPart();
                yield step == Step.PARTS ? null : nextTask();
            }
            case COMPLETE -> once(() -> MultipartRequests.complete(object.access(), this, uploadId, List.of(parts)));
            case ABORT -> once(() -> MultipartRequests.abort(object.access(), this, uploadId));
            case DONE -> null;
        };
    }

    private HttpTask once(Supplier<HttpTask> task) {
        if (stepIssued) {
            return null;
        }
        stepIssued = true;
        return task.get();
    }

    private HttpTask part(int index) {
        partsInFlight++;
        long first = index * partSize;
        long length = Math.min(partSize, object.size() - first);
        return MultipartRequests.part(object.access(), this, uploadId, index + 1, bytes(first, length));
    }

    @Override
    boolean isDrained() {
        return step == Step.DONE;
    }

    @Override
    void cancel() {
        if (step == Step.START && !stepIssued) {
            step = Step.DONE;
            finish(RemotePlan.cancelled());
        } else if (step == Step.PARTS) {
            stopParts(RemotePlan.cancelled());
        }
    }

    /** Only the parts stop when the transfer is cancelled; see the class comment. */
    @Override
    public boolean isCancelled() {
        return step == Step.PARTS && super.isCancelled();
    }

    @Override
    public void taskDone(HttpTask task) {
        synchronized (plan) {
            switch (step) {
                case START -> started((SmallRequest) task);
                case PARTS -> partDone((Upload) task);
                case COMPLETE -> completed((SmallRequest) task);
                case ABORT -> end(failure);
                case DONE -> { }
            }
        }
    }

    private void started(SmallRequest start) {
        try {
            uploadId = S3Xml.parseUploadId(start.content());
        } catch (FerryException e) {
            end(e);
            return;
        }
        enter(Step.PARTS);
    }

    private void partDone(Upload upload) {
        partsInFlight--;
        S3Xml.UploadedPart part = MultipartRequests.uploaded(upload);
        if (part == null) {
            stopParts(new FerryException(ErrorCode.IO_ERROR, upload.describe() + ": the server sent no ETag for the part"));
        } else {
            parts[upload.partNumber - 1] = part;
            plan.moved(upload.body().length());
        }
        afterPart();
    }

    private void completed(SmallRequest complete) {
        Optional<S3Error> error = S3Xml.parseCompleteResult(complete.content());
        if (error.isPresent()) {
            // S3 may answer 200 and still fail the completion; the upload then still exists.
            failure = new FerryException(ErrorCode.IO_ERROR, complete.describe() + ": " + error.get().describe());
            enter(Step.ABORT);
        } else {
            end(null);
        }
    }

    @Override
    public void taskFailed(HttpTask task, FerryException cause) {
        synchronized (plan) {
            switch (step) {
                case START -> end(cause);
                case PARTS -> {
                    partsInFlight--;
                    // A part cut off by the cancel (its connection closed) was cancelled, not broken.
                    stopParts(isCancelled() ? RemotePlan.cancelled() : cause);
                    afterPart();
                }
                case COMPLETE -> {
                    failure = cause;
                    enter(Step.ABORT);
                }
                // Not CANCELLED even after a cancel: the parts that may remain are an I/O failure.
                case ABORT -> end(new FerryException(ErrorCode.IO_ERROR, failure.getMessage()
                        + "; aborting the upload failed too, parts may remain (upload id " + uploadId + "): "
                        + cause.getMessage(), failure));
                case DONE -> { }
            }
        }
    }

    private void stopParts(FerryException cause) {
        if (failure == null) {
            failure = cause;
        }
        nextPart = partCount;
    }

    private void afterPart() {
        if (partsInFlight == 0 && nextPart == partCount) {
            enter(failure == null && Arrays.stream(parts).allMatch(p -> p != null) ? Step.COMPLETE : Step.ABORT);
        }
    }

    private void enter(Step next) {
        step = next;
        stepIssued = false;
    }

    private void end(FerryException outcome) {
        step = Step.DONE;
        finish(outcome);
    }
}
