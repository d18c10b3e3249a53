package io.ferry.cli;

import io.ferry.FerryException;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a command's work cleanly when the process is asked to stop (SIGINT from Ctrl-C, SIGTERM)
 * while it runs. The JVM answers those signals by running its shutdown hooks, then exiting with
 * 128 + the signal's number (130, 143); this hook asks the work to stop ({@link Stoppable#cancel()}),
 * waits for the command's thread to say it ended, at most {@link #GRACE}, and says on one line what
 * became of it. The command's thread keeps driving the work meanwhile (it may check
 * {@link #isStopping()} to stop it on its own thread), then leaves the exit to the hook
 * ({@link #awaitExit()}). Closing removes the hook.
 */
final class StopOnSignal implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(10);

    /** What a signal stops. */
    interface Stoppable {
        /** Asks the work to stop; runs on the hook's thread, so it may only ask (or wake the command's thread). */
        void cancel();

        /** What became of the work once it ended, such as {@code the upload to URL was cancelled}. */
        String outcome();

        /** What may remain when the work did not end within {@code grace}. */
        String unfinished(Duration grace);
    }

    /** Work that may fail; a failure after a signal is the stop it asked for. */
    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    private final Stoppable work;
    private final PrintWriter err;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "ferry-stop-on-signal");
    private volatile boolean stopping;

    StopOnSignal(Stoppable work, PrintWriter err) {
        this.work = work;
        this.err = err;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Runs {@code body} with the hook set. Without a signal it returns or throws as the body does;
     * once one came, the body's failure (the stop) is not thrown: the hook reports and the process
     * exits, and this never returns.
     */
    static void run(Stoppable work, PrintWriter err, Body body) throws IOException {
        try (StopOnSignal signal = new StopOnSignal(work, err)) {
            try {
                body.run();
            } catch (FerryException | IOException e) {
                if (!signal.isStopping()) {
                    throw e;
                }
            }
            signal.ended();
            if (signal.isStopping()) {
                signal.awaitExit();
            }
        }
    }

    /** True once a signal asked the process to stop: the work is (or must be) stopped. */
    boolean isStopping() {
        return stopping;
    }

    /** The work ended; the hook may report and let the process exit. */
    void ended() {
        ended.countDown();
    }

    /** Parks the command's thread until the hook has reported and the JVM exits; never returns. */
    void awaitExit() {
        while (true) {
            LockSupport.park(this);
        }
    }

    private void stop() {
        stopping = true;
        work.cancel();
        try {
            boolean done = ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            err.println("ferry: interrupted; " + (done ? work.outcome() : work.unfinished(GRACE)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already: it reports and the JVM exits.
        }
    }
}
