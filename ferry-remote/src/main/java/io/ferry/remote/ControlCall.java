package io.ferry.remote;

import io.ferry.FerryException;

/** The owner of small requests run one by one on the calling thread: keeps the last outcome. */
final class ControlCall implements HttpTask.TaskOwner {
    private final TaskRunner runner;
    private FerryException failure;

    ControlCall(TaskRunner runner) {
        this.runner = runner;
    }

    /** Runs a request made with this call as its owner, retries included; returns its final failure or null. */
    FerryException run(HttpTask request) {
        failure = null;
        runner.run(request);
        return failure;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void taskDone(HttpTask task) {
    }

    @Override
    public void taskFailed(HttpTask task, FerryException cause) {
        failure = cause;
    }
}
