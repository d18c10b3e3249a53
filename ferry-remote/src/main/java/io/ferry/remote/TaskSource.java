package io.ferry.remote;

/** A posted transfer as an engine sees it: a source of tasks, asked for the next one when a connection is free. */
interface TaskSource {
    /** The next task to run, or null when none is ready now. */
    HttpTask nextTask();

    /** True once the source will never have another task for this post. */
    boolean isDrained();
}
