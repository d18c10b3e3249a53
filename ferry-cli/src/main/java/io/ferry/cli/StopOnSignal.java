package io.ferry.cli;

import io.ferry.DescriptorFailure;
import io.ferry.ErrorCode;
import io.ferry.Transfer;
import io.ferry.TransferStatus;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a transfer cleanly when the process is asked to stop (SIGINT from Ctrl-C, SIGTERM) while
 * the transfer runs. The JVM answers those signals by running its shutdown hooks, then exiting
 * with 128 + the signal's number (130, 143); this hook cancels the transfer (an S3 multipart
 * upload is then aborted, so no parts stay behind), waits for it to end, at most {@link #GRACE},
 * and says on one line what became of it. The command's thread keeps polling the transfer
 * meanwhile, then leaves the exit to the hook ({@link #awaitExit()}). Closing removes the hook.
 */
final class StopOnSignal implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Transfer transfer;
    private final String what;
    private final PrintWriter err;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "ferry-stop-on-signal");
    private volatile boolean stopping;

    /** @param what the transfer for the message, such as {@code the upload to s3://bucket/key} */
    StopOnSignal(Transfer transfer, String what, PrintWriter err) {
        this.transfer = transfer;
        this.what = what;
        this.err = err;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once a signal asked the process to stop: the transfer is (or must be) cancelled. */
    boolean isStopping() {
        return stopping;
    }

    /** The transfer completed; the hook may report and let the process exit. */
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
        transfer.cancel();
        try {
            boolean done = ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            err.println("ferry: interrupted; " + (done ? outcome() : what + " did not stop within " + GRACE.toSeconds()
                    + " s: parts of it may remain on the server"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    private String outcome() {
        TransferStatus status = transfer.status();
        if (status.isDone()) {
            return what + " had completed";
        }
        return status.failures().stream().allMatch(f -> f.cause().errorCode() == ErrorCode.CANCELLED)
                ? what + " was cancelled; nothing of it was written"
                : what + " failed: " + status.failures().stream().map(DescriptorFailure::toString).findFirst().orElseThrow();
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
