package io.ferry.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and the user did not turn it off,
 * so that scripts and logs stay clean. The command reports how far it is ({@link #stepTo}, or a
 * counter given at the start that moves as bytes land); a daemon thread of the command (never of
 * the library) redraws the line every {@link #REDRAW_MS} ms with the rate over the last seconds.
 */
final class Progress implements AutoCloseable {
    static final long REDRAW_MS = 100;
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(3);

    private final String task;
    private final long total;
    private final boolean bytes;
    private final LongSupplier counter;
    private final PrintStream terminal;
    private final RateWindow rate = new RateWindow((int) (WINDOW_NS / TimeUnit.MILLISECONDS.toNanos(REDRAW_MS)) + 1, WINDOW_NS);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread painter;
    private volatile long done;

    private Progress(String task, long total, boolean bytes, LongSupplier counter, PrintStream terminal) {
        this.task = task;
        this.total = total;
        this.bytes = bytes;
        this.counter = counter == null ? () -> done : counter;
        this.terminal = terminal;
        this.painter = terminal == null ? null : Thread.ofPlatform().daemon().name("ferry-progress").start(this::paint);
    }

    /** A bar of {@code totalBytes}, moved by {@link #stepTo}. */
    static Progress bytes(String task, long totalBytes, boolean wanted) {
        return new Progress(task, totalBytes, true, null, wanted && isTerminal() ? System.err : null);
    }

    /** A bar of {@code totalBytes} that follows {@code bytesDone}, read at each redraw. */
    static Progress following(String task, long totalBytes, LongSupplier bytesDone, boolean wanted) {
        return new Progress(task, totalBytes, true, bytesDone, wanted && isTerminal() ? System.err : null);
    }

    /** A bar of {@code totalSteps} steps, shown as a percentage. */
    static Progress steps(String task, long totalSteps, boolean wanted) {
        return new Progress(task, totalSteps, false, null, wanted && isTerminal() ? System.err : null);
    }

    private static boolean isTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    void stepTo(long value) {
        done = value;
    }

    private void paint() {
        try {
            while (!closed.await(REDRAW_MS, TimeUnit.MILLISECONDS)) {
                draw(counter.getAsLong());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw(long value) {
        rate.add(System.nanoTime(), value);
        terminal.print("\r" + ProgressLine.format(task, value, total, bytes, rate.perSecond(), width() - 1));
        terminal.flush();
    }

    /** The terminal's width as the shell exports it, else 80. */
    private static int width() {
        try {
            return Math.max(20, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80")));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    @Override
    public void close() {
        if (painter == null) {
            return;
        }
        closed.countDown();
        try {
            painter.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw(counter.getAsLong());
        terminal.println();
    }
}
