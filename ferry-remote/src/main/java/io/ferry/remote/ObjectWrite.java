package io.ferry.remote;

import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Writing one whole object from the descriptors that cover it. An object is replaced at once or
 * not at all, so its descriptors succeed or fail together. Runs under its plan's lock.
 */
abstract class ObjectWrite implements HttpTask.TaskOwner {
    final WritePlan plan;
    final RemoteObject object;
    /** The object's descriptors in the order of their offsets, which tile the object. */
    final int[] descriptors;

    ObjectWrite(WritePlan plan, RemoteObject object, int[] descriptors) {
        this.plan = plan;
        this.object = object;
        this.descriptors = descriptors;
    }

    abstract void reset();

    abstract HttpTask nextTask();

    abstract boolean isDrained();

    /** Issues nothing more; an object not started is reported cancelled at once. */
    abstract void cancel();

    /** The bytes of {@code [first, first + length)} of the object, as slices of the descriptors' memory. */
    final SegmentsBody bytes(long first, long length) {
        List<MemorySegment> slices = new ArrayList<>();
        for (int descriptor : descriptors) {
            long start = plan.offset(descriptor);
            long size = plan.memory(descriptor).byteSize();
            long from = Math.max(first, start);
            long to = Math.min(first + length, start + size);
            if (from < to) {
                slices.add(plan.memory(descriptor).asSlice(from - start, to - from));
            }
        }
        return new SegmentsBody(slices);
    }

    @Override
    public boolean isCancelled() {
        return plan.isCancelled();
    }

    /** Reports every descriptor of the object: done, or failed with {@code failure}. */
    final void finish(FerryException failure) {
        plan.finished(this, failure);
    }
}
