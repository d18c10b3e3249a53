package io.ferry.remote;

import io.ferry.FerryException;

/** An object written with one PUT, or one part of an {@link ObjectUpload}. */
final class SinglePut extends ObjectWrite {
    private boolean issued;

    SinglePut(WritePlan plan, RemoteObject object, int[] descriptors) {
        super(plan, object, descriptors);
    }

    @Override
    void reset() {
        issued = false;
    }

    @Override
    HttpTask nextTask() {
        if (issued) {
            return null;
        }
        issued = true;
        SegmentsBody body = bytes(0, object.size());
        return object.part() == null ? new Upload(object.access(), this, 0, null, body, object.metadata().headers())
                : object.part().request(this, body);
    }

    @Override
    boolean isDrained() {
        return issued;
    }

    @Override
    void cancel() {
        if (!issued) {
            issued = true;
            finish(RemotePlan.cancelled());
        }
    }

    @Override
    public void taskDone(HttpTask task) {
        synchronized (plan) {
            FerryException unrecorded = object.part() == null ? null : object.part().written((Upload) task);
            if (unrecorded == null) {
                plan.moved(object.size());
            }
            finish(unrecorded);
        }
    }

    @Override
    public void taskFailed(HttpTask task, FerryException cause) {
        synchronized (plan) {
            finish(isCancelled() ? RemotePlan.cancelled() : cause);
        }
    }
}
