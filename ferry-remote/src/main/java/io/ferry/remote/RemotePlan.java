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
 * Plan methods are called by the engine's threads and synchronize on the plan; post, retarget and
 * release come from the posting thread while nothing is in flight.
 */
abstract class RemotePlan implements BackendTransfer, TaskSource {
    private final RemoteBackend backend;
    private final RemoteObject[] objects;
    private final MemorySegment[] memory;
    private final long[] offsets;
    private final TransferProgress progress;
    private volatile boolean cancelled;
    private boolean started;
    private int unreported;

    RemotePlan(RemoteBackend backend, List<Descriptor> descriptors, TransferProgress progress) {
        this.backend = backend;
        this.progress = progress;
        int count = descriptors.size();
        this.objects = new RemoteObject[count];
        this.memory = new MemorySegment[count];
        this.offsets = new long[count];
        for (int i = 0; i < count; i++) {
            Descriptor d = descriptors.get(i);
            objects[i] = (RemoteObject) d.target();
            memory[i] = d.memory();
            offsets[i] = d.targetOffset();
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

    final long offset(int descriptor) {
        return offsets[descriptor];
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
            cancelled = false;
            started = false;
            unreported = objects.length;
            reset();
        }
        backend.admit(objects);
        backend.engine().submit(this);
    }

    @Override
    public void retarget(int index, long targetOffset) {
        objects[index].checkReadable(targetOffset, memory[index].byteSize(), index);
        offsets[index] = targetOffset;
    }

    @Override
    public final void cancel() {
        cancelled = true;
    }

    /** True when the transfer was cancelled. */
    public final boolean isCancelled() {
        return cancelled || progress.isCancelRequested();
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

    /** Reports one descriptor, done when {@code failure} is null; the last report retires the post first. */
    final void report(int descriptor, FerryException failure) {
        if (--unreported == 0) {
            backend.retire(objects);
        }
        if (failure == null) {
            progress.descriptorDone(descriptor);
        } else {
            progress.descriptorFailed(descriptor, failure);
        }
    }
}
