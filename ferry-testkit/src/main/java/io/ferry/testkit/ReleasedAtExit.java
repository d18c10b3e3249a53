package io.ferry.testkit;

/**
 * Something a test sets up on the machine (a loop device, a mount) that must not outlive the JVM: it
 * is released on close, or when the JVM exits if it never was (a test that timed out is abandoned
 * on its thread and never closes what it made).
 */
abstract class ReleasedAtExit implements AutoCloseable {
    private final Thread releaseAtExit;
    private boolean closed;

    ReleasedAtExit(String name) {
        this.releaseAtExit = new Thread(this::release, "release " + name);
        Runtime.getRuntime().addShutdownHook(releaseAtExit);
    }

    /** Undoes the set-up; true when that worked. */
    abstract boolean release();

    /** What to do when {@link #release()} failed at {@link #close()}: nothing by default. */
    void releaseFailed() {
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            Runtime.getRuntime().removeShutdownHook(releaseAtExit);
            if (!release()) {
                releaseFailed();
            }
        }
    }
}
