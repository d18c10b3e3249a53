package io.ferry.remote;

import io.ferry.FerryException;

/** An object written with one PUT. */
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
        return new Upload(object.access(), this, 0, null, bytes(0, object.size()), object.metadata().headers());
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
            plan.moved(object.size());
            finish(null);
        }
    }

    @Override
    public void taskFailed(HttpTask task, FerryException cause) {
        synchronized (plan) {
            finish(isCancelled() ? RemotePlan.cancelled() : cause);
        }
    }
}
