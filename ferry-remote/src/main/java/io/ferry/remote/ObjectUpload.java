package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.s3.S3Error;
import io.ferry.remote.s3.S3Xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An S3 object uploaded in parts whose number is not known when it starts, as data comes (standard
 * input, a pipe: what {@code aws s3 cp -} does): an S3 multipart upload. Each part is a target of its
 * own ({@link #nextPart}), written whole by a write transfer; parts may be in flight side by side.
 * {@link #complete} puts the object in place once every part is written; {@link #abort} (and
 * {@link #close} of an upload not completed) removes the parts, so that none stay in the bucket. A
 * completion the server refuses aborts the upload too.
 *
 * <p>Threads: any; {@link #complete} and {@link #abort} wait for their request as
 * {@link RemoteBackend#open(String, RemoteOpenOption...)} does.
 */
public final class ObjectUpload implements AutoCloseable {
    /** S3's smallest part, except the last. */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** S3's largest part. */
    public static final long MAX_PART_SIZE = 5L << 30;
    /** S3's most parts in one upload. */
    public static final int MAX_PARTS = MultipartWrite.MAX_PARTS;

    private final RemoteBackend backend;
    private final ObjectAccess access;
    private final String uploadId;
    /** The parts by number - 1: null until written. */
    private final List<S3Xml.UploadedPart> parts = new ArrayList<>();
    private boolean ended;

    ObjectUpload(RemoteBackend backend, ObjectAccess access, String uploadId) {
        this.backend = backend;
        this.access = access;
        this.uploadId = uploadId;
    }

    /** Where the object goes, fit to print. */
    public String location() {
        return access.describe();
    }

    /**
     * The next part, of {@code size} bytes: a target one write transfer writes whole. Every part but the
     * last must have at least {@link #MIN_PART_SIZE} bytes (S3 refuses the completion otherwise).
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for a size outside 1 to {@link #MAX_PART_SIZE},
     *         {@link ErrorCode#OUT_OF_RANGE} past {@link #MAX_PARTS} parts, {@link ErrorCode#CLOSED} once ended
     */
    public synchronized RemoteObject nextPart(long size) {
        checkOpen();
        if (size < 1 || size > MAX_PART_SIZE) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a part of " + location() + " has 1 to " + MAX_PART_SIZE
                    + " bytes, not " + size);
        }
        if (parts.size() == MAX_PARTS) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, location() + ": an upload has at most " + MAX_PARTS
                    + " parts; larger parts carry more");
        }
        parts.add(null);
        return new RemoteObject(backend, access, size, ObjectVersion.UNKNOWN, true, Set.of(), true, ObjectMetadata.NONE,
                new Part(this, parts.size()));
    }

    /** Parts asked for so far. */
    public synchronized int partCount() {
        return parts.size();
    }

    /**
     * Puts the object in place from its parts, all written by now; returns its location.
     *
     * @throws FerryException when a part was not written or the server refuses the completion (the
     *         upload is then aborted), or {@link ErrorCode#CLOSED} once ended
     */
    public String complete() {
        List<S3Xml.UploadedPart> written;
        synchronized (this) {
            checkOpen();
            int missing = parts.indexOf(null);
            if (parts.isEmpty() || missing >= 0) {
                throw new FerryException(ErrorCode.ILLEGAL_STATE, location() + ": cannot complete an upload "
                        + (parts.isEmpty() ? "without parts" : "whose part " + (missing + 1) + " was not written"));
            }
            ended = true;
            written = List.copyOf(parts);
        }
        try {
            Optional<S3Error> refused = backend.call(new OneRequest<>(owner -> MultipartRequests.complete(access, owner,
                    uploadId, written), answer -> S3Xml.parseCompleteResult(answer.content())), "complete the upload to " + location());
            if (refused.isPresent()) {
                throw new FerryException(ErrorCode.IO_ERROR, "complete multipart upload of " + location() + ": "
                        + refused.get().describe());
            }
        } catch (FerryException e) {
            throw sendAbortAfter(e); // the upload ended when the completion went out
        }
        return location();
    }

    /** Removes the upload and its parts; nothing once it ended. Parts in flight must have ended first. */
    public void abort() {
        if (end()) {
            sendAbort();
        }
    }

    /**
     * Aborts the upload because of {@code failure} (as {@link #abort}) and returns what to report:
     * {@code failure}, or, when the abort failed too, a failure that says both (parts may remain).
     */
    public FerryException abortAfter(FerryException failure) {
        return end() ? sendAbortAfter(failure) : failure;
    }

    private FerryException sendAbortAfter(FerryException failure) {
        try {
            sendAbort();
            return failure;
        } catch (FerryException e) {
            return new FerryException(failure.errorCode(), failure.getMessage() + "; aborting the upload failed too: "
                    + e.getMessage(), failure);
        }
    }

    /** Ends the upload; false when it had ended already. */
    private synchronized boolean end() {
        boolean was = ended;
        ended = true;
        return !was;
    }

    private void sendAbort() {
        try {
            backend.call(new OneRequest<>(owner -> MultipartRequests.abort(access, owner, uploadId), answer -> null),
                    "abort the upload to " + location());
        } catch (FerryException e) {
            throw new FerryException(e.errorCode(), e.getMessage() + "; parts may remain (upload id " + uploadId + ")", e);
        }
    }

    /** Aborts an upload that was not completed. */
    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (ended) {
            throw new FerryException(ErrorCode.CLOSED, "the upload to " + location() + " has ended");
        }
    }

    /** What makes a {@link RemoteObject} a part of an upload: its number, and where it is recorded once written. */
    static final class Part {
        private final ObjectUpload upload;
        final int number;

        private Part(ObjectUpload upload, int number) {
            this.upload = upload;
            this.number = number;
        }

        /** The PUT of this part's bytes. */
        Upload request(HttpTask.TaskOwner owner, SegmentsBody bytes) {
            return MultipartRequests.part(upload.access, owner, upload.uploadId, number, bytes);
        }

        /** Records the part once its PUT succeeded; the failure, or null. */
        FerryException written(Upload request) {
            S3Xml.UploadedPart part = MultipartRequests.uploaded(request);
            if (part == null) {
                return new FerryException(ErrorCode.IO_ERROR, request.describe() + ": the server sent no ETag for the part");
            }
            synchronized (upload) {
                upload.parts.set(number - 1, part);
            }
            return null;
        }
    }
}
