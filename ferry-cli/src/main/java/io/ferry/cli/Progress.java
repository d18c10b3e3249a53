package io.ferry.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.function.UnaryOperator;

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and the user did not turn it off,
 * so that scripts and logs stay clean.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress bytes(String task, long totalBytes, boolean wanted) {
        return start(task, totalBytes, wanted, builder -> builder.setUnit(" MiB", 1 << 20).showSpeed());
    }

    static Progress steps(String task, long totalSteps, boolean wanted) {
        return start(task, totalSteps, wanted, builder -> builder);
    }

    private static Progress start(String task, long total, boolean wanted, UnaryOperator<ProgressBarBuilder> units) {
        if (!wanted || !isTerminal()) {
            return new Progress(null);
        }
        return new Progress(units.apply(new ProgressBarBuilder())
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build());
    }

    private static boolean isTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
