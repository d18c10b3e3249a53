package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.spi.TransferProgress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A write transfer: every object it names is written whole, from descriptors that tile it, by a
 * single PUT or a multipart upload. Objects of one transfer are uploaded side by side.
 */
final class WritePlan extends RemotePlan {
    /** How one object is written: chosen by the backend from the object's kind and size. */
    interface Strategy extends BiFunction<WritePlan, Map.Entry<RemoteObject, int[]>, ObjectWrite> {
    }

    private final List<ObjectWrite> writes = new ArrayList<>();

    WritePlan(RemoteBackend backend, List<Descriptor> descriptors, TransferProgress progress, Strategy strategy) {
        super(backend, descriptors, progress);
        for (Map.Entry<RemoteObject, int[]> entry : byObject(descriptors).entrySet()) {
            writes.add(strategy.apply(this, entry));
        }
    }

    /** Groups descriptors by object, sorted by offset, and checks that they tile each object exactly. */
    private static Map<RemoteObject, int[]> byObject(List<Descriptor> descriptors) {
        Map<RemoteObject, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < descriptors.size(); i++) {
            groups.computeIfAbsent((RemoteObject) descriptors.get(i).target(), o -> new ArrayList<>()).add(i);
        }
        Map<RemoteObject, int[]> tiled = new LinkedHashMap<>();
        for (Map.Entry<RemoteObject, List<Integer>> group : groups.entrySet()) {
            int[] sorted = group.getValue().stream()
                    .sorted(Comparator.comparingLong(i -> descriptors.get(i).targetOffset()))
                    .mapToInt(Integer::intValue).toArray();
            long expected = 0;
            for (int index : sorted) {
                Descriptor d = descriptors.get(index);
                if (d.targetOffset() != expected) {
                    throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + index + ": writes " + group.getKey().describe()
                            + " at offset " + d.targetOffset() + " but the bytes before it end at " + expected
                            + "; the descriptors of a remote write must cover the object exactly, without gaps or overlaps");
                }
                expected += d.length();
            }
            if (expected != group.getKey().size()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the descriptors cover " + expected + " bytes of "
                        + group.getKey().describe() + ", which was created with " + group.getKey().size() + " bytes");
            }
            tiled.put(group.getKey(), sorted);
        }
        return tiled;
    }

    @Override
    void reset() {
        writes.forEach(ObjectWrite::reset);
    }

    @Override
    public synchronized HttpTask nextTask() {
        if (isCancelled()) {
            // Writes stop sending data; an upload already started still needs its abort request.
            writes.forEach(ObjectWrite::cancel);
        }
        for (ObjectWrite write : writes) {
            HttpTask task = write.isDrained() ? null : write.nextTask();
            if (task != null) {
                started();
                return task;
            }
        }
        return null;
    }

    @Override
    public synchronized boolean isDrained() {
        return writes.stream().allMatch(ObjectWrite::isDrained);
    }

    @Override
    public void checkRetarget(int index, long targetOffset) {
        throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + index
                + ": a remote write covers whole objects and cannot be retargeted");
    }

    /** Called by an object's write when it ended; reports its descriptors. */
    void finished(ObjectWrite write, FerryException failure) {
        for (int descriptor : write.descriptors) {
            report(descriptor, failure);
        }
    }
}
