package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.spi.TargetUse;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An object on a web server or in an object store: opened for reading with its size, or created
 * for writing with the size it will have. Descriptors name byte ranges of it.
 *
 * <p>An object opened for reading is one version of it: the one whose size was learned (or, when
 * the caller gave the size, the one the first answer shows). Every read of it is tied to that
 * version; when the server holds another one, reads fail with {@link ObjectChangedException}
 * instead of mixing two versions in the caller's memory.
 */
public final class RemoteObject implements Target {
    private final RemoteBackend backend;
    private final ObjectAccess access;
    private final long size;
    private final AtomicReference<ObjectVersion> version;
    private final boolean writable;
    private final boolean shortReads;
    private final boolean sequential;
    private final boolean servesRanges;
    private final ObjectMetadata metadata;
    /** Null unless the object is a part of an {@link ObjectUpload}. */
    private final ObjectUpload.Part part;
    private final TargetUse use = new TargetUse();

    RemoteObject(RemoteBackend backend, ObjectAccess access, long size, ObjectVersion version, boolean writable,
                 Set<RemoteOpenOption> options, boolean servesRanges, ObjectMetadata metadata, ObjectUpload.Part part) {
        this.backend = backend;
        this.access = access;
        this.size = size;
        this.version = new AtomicReference<>(version);
        this.writable = writable;
        this.shortReads = options.contains(RemoteOpenOption.SHORT_READS);
        this.sequential = options.contains(RemoteOpenOption.SEQUENTIAL);
        this.servesRanges = servesRanges;
        this.metadata = metadata;
        this.part = part;
    }

    /** The upload this object is a part of, with its number; null for a whole object. */
    ObjectUpload.Part part() {
        return part;
    }

    /** What the upload that creates the object says about it (none for an object opened for reading). */
    ObjectMetadata metadata() {
        return metadata;
    }

    RemoteBackend backend() {
        return backend;
    }

    ObjectAccess access() {
        return access;
    }

    @Override
    public String describe() {
        return "object " + access.describe();
    }

    /** Where the object is, fit to print: without query (a presigned URL's query is a secret) or user info. */
    public String location() {
        return access.describe();
    }

    /** The object's size; for an object created for writing, the size it will have. */
    @Override
    public long size() {
        return size;
    }

    /**
     * The version reads are tied to: the one learned at open or, while none is known, the one
     * {@code seen} in an answer, which then becomes it. Any thread.
     */
    ObjectVersion settleVersion(ObjectVersion seen) {
        ObjectVersion current = version.get();
        if (current.isKnown() || !seen.isKnown()) {
            return current;
        }
        return version.compareAndSet(current, seen) ? seen : version.get();
    }

    /** The version reads ask the server for; unknown until learned. */
    ObjectVersion version() {
        return version.get();
    }

    /**
     * Whether its server showed, when the object was opened, that it serves byte ranges: a HEAD
     * with {@code Accept-Ranges: bytes}, or a first byte sent alone; always for S3 and for objects
     * opened with a size or created. When it did not, a read asks for the rest of the object,
     * which a server that ignores ranges answers with the whole object (the bytes before the read's
     * are dropped as they arrive). On an engine that {@link RemoteBackend#continuesResponses()},
     * the read then takes its descriptor's part and leaves the rest of the response for the read
     * that starts where it ended, so consecutive descriptors read the object in one response; on
     * the other, a descriptor that ends before the object's end still asks for its range alone,
     * and fails if the server sends the whole object.
     */
    public boolean servesRanges() {
        return servesRanges;
    }

    /** Whether the object was opened with {@link RemoteOpenOption#SEQUENTIAL}. */
    public boolean isSequential() {
        return sequential;
    }

    /** Whether the object was created for writing, so WRITE transfers may use it; an object opened for reading is not. */
    public boolean isWritable() {
        return writable;
    }

    @Override
    public boolean isOpen() {
        return use.isOpen();
    }

    /**
     * The number of bytes a read of {@code length} bytes at {@code offset} returns: all of them, or
     * with {@link RemoteOpenOption#SHORT_READS} those before the end of the object.
     */
    public long readableLength(long offset, long length) {
        return shortReads ? Math.max(0, Math.min(length, size - offset)) : length;
    }

    /** Checks a read of {@code length} bytes at {@code offset} for descriptor {@code index}. */
    void checkReadable(long offset, long length, int index) {
        if (writable) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + index + ": " + describe()
                    + " was created for writing; open it to read it");
        }
        if (!shortReads && offset + length > size) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "descriptor " + index + ": bytes " + offset + "-"
                    + (offset + length - 1) + " reach past the end of " + describe() + " (" + size + " bytes)"
                    + "; open it with SHORT_READS to read up to the end");
        }
    }

    void postStarted() {
        use.postStarted();
    }

    void postEnded() {
        use.postEnded();
    }

    /**
     * Closes the object. Refused while a transfer that uses it is in flight; prepared transfers
     * that use it fail with {@link ErrorCode#CLOSED} when posted. Closing twice does nothing.
     */
    @Override
    public void close() {
        use.close(describe());
    }

    @Override
    public String toString() {
        return describe();
    }
}
