package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.spi.TransferProgress;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A read transfer: each descriptor is split into ranged reads of at most the task size (but see
 * {@link RemoteObject#servesRanges}), handed out
 * one at a time as connections become free. A descriptor is reported when none of its tasks is in
 * flight any more, so no byte lands in the caller's memory after the transfer completed.
 */
final class ReadPlan extends RemotePlan implements HttpTask.TaskOwner {
    private final long taskSize;
    private final long[] lengths;
    private final int[] inFlight;
    private final long[] issued;
    private int cursor;

    ReadPlan(RemoteBackend backend, List<Descriptor> descriptors, TransferProgress progress, long taskSize) {
        super(backend, descriptors, progress);
        this.taskSize = taskSize;
        this.lengths = new long[descriptors.size()];
        this.inFlight = new int[descriptors.size()];
        this.issued = new long[descriptors.size()];
    }

    @Override
    void reset() {
        cursor = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = object(i).readableLength(offset(i), memory(i).byteSize());
            issued[i] = 0;
        }
    }

    @Override
    public synchronized HttpTask nextTask() {
        if (isCancelled()) {
            while (cursor < lengths.length) {
                reportIfQuiet(cursor++);
            }
            return null;
        }
        while (cursor < lengths.length && lengths[cursor] == 0) {
            reportIfQuiet(cursor++);
        }
        if (cursor == lengths.length) {
            return null;
        }
        int descriptor = cursor;
        long size = Math.min(toTheEndInOneRequest(descriptor) ? Long.MAX_VALUE : taskSize,
                lengths[descriptor] - issued[descriptor]);
        MemorySegment destination = memory(descriptor).asSlice(issued[descriptor], size);
        HttpTask task = new RangeRead(object(descriptor), this, descriptor, destination, offset(descriptor) + issued[descriptor]);
        started();
        inFlight[descriptor]++;
        issued[descriptor] += size;
        if (issued[descriptor] == lengths[descriptor]) {
            cursor++;
        }
        return task;
    }

    /**
     * A descriptor that reaches the end of an object whose server did not show it serves ranges goes
     * in one request, which a server that ignores ranges still answers (with the whole object).
     */
    private boolean toTheEndInOneRequest(int descriptor) {
        RemoteObject object = object(descriptor);
        return !object.servesRanges() && offset(descriptor) + lengths[descriptor] == object.size();
    }

    @Override
    public synchronized boolean isDrained() {
        return cursor == lengths.length;
    }

    @Override
    public synchronized void taskDone(HttpTask task) {
        RangeRead read = (RangeRead) task;
        inFlight[read.descriptor]--;
        reportIfQuiet(read.descriptor);
    }

    @Override
    public synchronized void taskFailed(HttpTask task, FerryException cause) {
        int descriptor = ((RangeRead) task).descriptor;
        inFlight[descriptor]--;
        fail(descriptor, isCancelled() ? cancelled() : cause);
        if (cursor == descriptor) {
            cursor++; // issue nothing more for a descriptor that failed
        }
        reportIfQuiet(descriptor);
    }

    /**
     * Reports the descriptor once nothing more will be issued for it and none of its tasks is in
     * flight; this happens exactly once per descriptor and post.
     */
    private void reportIfQuiet(int descriptor) {
        if (inFlight[descriptor] > 0 || descriptor >= cursor) {
            return;
        }
        report(descriptor, !hasFailed(descriptor) && issued[descriptor] < lengths[descriptor] ? cancelled() : null);
    }
}
