package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs reference tools (fio, curl) as child processes, all at once, to their end. Each child's
 * output (standard output and error together) goes to a temporary file, so that a chatty process
 * can never block on a full pipe while it is waited for with a deadline. Any failure is a clear
 * {@link FerryException} that names the command as {@linkplain Command#shown() shown}.
 */
public final class ToolProcesses {
    private static final File NO_INPUT = new File("/dev/null");

    private ToolProcesses() {
    }

    /**
     * One command.
     *
     * @param arguments the executable and its arguments
     * @param shown     the command as messages may show it (without secrets)
     */
    public record Command(List<String> arguments, String shown) {
        public Command {
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(shown, "shown");
        }

        /** A command without secrets, shown as its arguments joined by spaces. */
        public static Command of(List<String> arguments) {
            return new Command(arguments, String.join(" ", arguments));
        }
    }

    /**
     * What the children printed, in the order of the commands, and the wall time from just before
     * the first start to the moment the last exit was seen.
     */
    public record Outcome(List<String> outputs, long wallNs) {
        public Outcome {
            outputs = List.copyOf(outputs);
        }
    }

    /** Runs one command to its end and returns what it printed. */
    public static String run(Command command, long timeoutMs) {
        return runAll(List.of(command), timeoutMs).outputs().getFirst();
    }

    /**
     * Starts every command, one right after the other, and waits for all of them.
     *
     * @throws FerryException {@code NOT_FOUND} when a command cannot start, {@code TIMED_OUT} when
     *         they did not all finish within {@code timeoutMs} (all are then killed), {@code IO_ERROR}
     *         when one exits with a status other than 0 (with the first lines it printed)
     */
    public static Outcome runAll(List<Command> commands, long timeoutMs) {
        List<Path> outputs = new ArrayList<>(commands.size());
        List<Process> processes = new ArrayList<>(commands.size());
        try {
            for (int i = 0; i < commands.size(); i++) {
                outputs.add(Files.createTempFile("ferry-tool-", ".out"));
            }
            long startNs = System.nanoTime();
            for (int i = 0; i < commands.size(); i++) {
                processes.add(start(commands.get(i), outputs.get(i)));
            }
            long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).waitFor(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new FerryException(ErrorCode.TIMED_OUT, commands.get(i).shown() + " did not finish within "
                            + timeoutMs + " ms and was killed");
                }
            }
            long wallNs = System.nanoTime() - startNs;
            List<String> texts = new ArrayList<>(outputs.size());
            for (int i = 0; i < processes.size(); i++) {
                String text = Files.readString(outputs.get(i));
                int exitCode = processes.get(i).exitValue();
                if (exitCode != 0) {
                    throw new FerryException(ErrorCode.IO_ERROR, commands.get(i).shown() + " failed with exit code "
                            + exitCode + ": " + firstLines(text));
                }
                texts.add(text);
            }
            return new Outcome(texts, wallNs);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot keep the output of " + commands.getFirst().shown()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.INTERRUPTED, "interrupted while " + commands.getFirst().shown() + " ran", e);
        } finally {
            processes.forEach(Process::destroyForcibly);
            outputs.forEach(ToolProcesses::deleteQuietly);
        }
    }

    private static Process start(Command command, Path output) {
        try {
            return new ProcessBuilder(command.arguments()).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT)).start();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.NOT_FOUND, "cannot run " + command.arguments().getFirst() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The first five lines of a tool's output on one line, for error messages. */
    public static String firstLines(String output) {
        return output.lines().limit(5).reduce((a, b) -> a + " | " + b).orElse("(nothing)");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover file in the temporary directory is harmless; the result is not.
        }
    }
}
