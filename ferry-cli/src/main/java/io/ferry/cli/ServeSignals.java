package io.ferry.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT and SIGTERM as the normal end of {@code ferry serve}: they only release the command's
 * thread, which then stops the target cleanly and exits with 0. A shutdown hook (as
 * {@link StopOnSignal} uses) would run while the JVM is already exiting with 130 or 143; a server
 * told to stop has not failed. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's one way
 * to handle a signal and let the process go on.
 */
final class ServeSignals implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile String received;

    ServeSignals() {
        SignalHandler handler = signal -> {
            received = "SIG" + signal.getName();
            stop.countDown();
        };
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    /** Waits up to {@code timeoutMs} for a signal; true once one came. */
    boolean await(long timeoutMs) throws InterruptedException {
        return stop.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The signal that came, such as {@code SIGTERM}, or null. */
    String received() {
        return received;
    }

    /** Gives the signals back to the JVM: a second Ctrl-C while stopping then ends the process. */
    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
