package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The part of a transfer that the remote backend serves: what every read and write plan shares.
 * Offsets, failures and the cancel flag are the transfer's ({@link TransferProgress}). Plan
 * methods are called by the engine's threads and synchronize on the plan; post, retarget and
 * release come from the posting thread while nothing is in flight.
 */
abstract class RemotePlan implements BackendTransfer, TaskSource {
    private final RemoteBackend backend;
    private final RemoteObject[] objects;
    private final MemorySegment[] memory;
    private final TransferProgress progress;
    private boolean started;
    private int unreported;

    RemotePlan(RemoteBackend backend, List<Descriptor> descriptors, TransferProgress progress) {
        this.backend = backend;
        this.progress = progress;
        int count = descriptors.size();
        this.objects = new RemoteObject[count];
        this.memory = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            Descriptor d = descriptors.get(i);
            objects[i] = (RemoteObject) d.target();
            memory[i] = d.memory();
        }
    }

    final int descriptorCount() {
        return objects.length;
    }

    final RemoteObject object(int descriptor) {
        return objects[descriptor];
    }

    final MemorySegment memory(int descriptor) {
        return memory[descriptor];
    }

    /** Where the descriptor starts in its object, in this post. */
    final long offset(int descriptor) {
        return progress.targetOffset(descriptor);
    }

    /** Records a failure of the descriptor with the transfer, whose first failure wins; it is reported later. */
    final void fail(int descriptor, FerryException cause) {
        progress.fail(descriptor, cause);
    }

    /** Whether the descriptor failed in this post (its first failure is the transfer's). */
    final boolean hasFailed(int descriptor) {
        return progress.hasFailed(descriptor);
    }

    /** Prepares per-post state; called before the plan is submitted. */
    abstract void reset();

    @Override
    public final void post() {
        for (int i = 0; i < objects.length; i++) {
            if (!objects[i].isOpen()) {
                throw new FerryException(ErrorCode.CLOSED, "descriptor " + i + ": " + objects[i].describe() + " is closed");
            }
        }
        synchronized (this) {
            started = false;
            unreported = objects.length;
            reset();
        }
        postStarted();
        backend.engine().submit(this);
    }

    /**
     * A post of the plan's objects starts, after each object did what it must before its requests go out
     * (S3 renews credentials that are due): they may not be closed until it ends.
     */
    private void postStarted() {
        for (RemoteObject object : objects) {
            object.access().prepareToPost();
        }
        for (RemoteObject object : objects) {
            object.postStarted();
        }
    }

    private void postEnded() {
        for (RemoteObject object : objects) {
            object.postEnded();
        }
    }

    @Override
    public void checkRetarget(int index, long targetOffset) {
        objects[index].checkReadable(targetOffset, memory[index].byteSize(), index);
    }

    /** True when the transfer was cancelled. */
    public final boolean isCancelled() {
        return progress.isCancelRequested();
    }

    @Override
    public void release() {
    }

    /** Counts payload bytes of a request that completed. */
    final void moved(long bytes) {
        backend.moved(bytes);
    }

    /** The failure of a descriptor that a cancellation stopped. */
    static FerryException cancelled() {
        return new FerryException(ErrorCode.CANCELLED, "cancelled");
    }

    /** Tells the transfer the first task was handed out (once per post). */
    final void started() {
        if (!started) {
            started = true;
            progress.started();
        }
    }

    /**
     * Reports one descriptor, done when {@code failure} is null (or failed earlier); the last report
     * ends the post for the backend and completes it for the transfer.
     */
    final void report(int descriptor, FerryException failure) {
        if (failure != null) {
            progress.fail(descriptor, failure);
        }
        if (--unreported == 0) {
            postEnded();
            progress.completed();
        }
    }
}
