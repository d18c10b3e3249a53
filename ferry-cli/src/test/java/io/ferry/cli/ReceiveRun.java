package io.ferry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code ferry receive} on its own thread of the test's JVM, its stderr readable while it runs; listening once made. */
final class ReceiveRun {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+?)(?:, token (\\S+))?\\R");

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CompletableFuture<Integer> exit;
    final Matcher listening;

    ReceiveRun(String... args) throws InterruptedException {
        exit = CompletableFuture.supplyAsync(() -> FerryCommand.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), args), runnable -> Thread.ofPlatform().name("receive").start(runnable));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Matcher found;
        while (!(found = LISTENING.matcher(err.toString())).find()) {
            assertThat(exit.isDone()).as("receive ended early: %s", err).isFalse();
            assertThat(System.nanoTime() - deadline).as("receive listening within 60 s").isNegative();
            Thread.sleep(5);
        }
        listening = found;
    }

    String address() {
        return listening.group(1);
    }

    String token() {
        return listening.group(2);
    }

    int awaitExit() throws Exception {
        return exit.get(90, TimeUnit.SECONDS);
    }
}
