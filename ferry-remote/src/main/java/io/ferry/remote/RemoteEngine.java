package io.ferry.remote;

import io.ferry.poll.Component;

import java.util.List;

/** Runs the tasks of posted transfers over HTTP connections. */
interface RemoteEngine extends AutoCloseable {
    /** Takes a posted transfer; called on the posting thread, never blocks. */
    void submit(TaskSource source);

    /**
     * Whether a read may continue the response of the read before it ({@link HeldResponses}): a
     * sequential object read ahead, an object whose server serves no ranges read in order.
     */
    default boolean continuesResponses() {
        return false;
    }

    /** The components that make progress (none for an engine with its own worker threads); they close themselves. */
    List<Component> components();

    /** Closes every connection of an engine without components; called once nothing is in flight. */
    @Override
    void close();
}
