package io.ferry.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The ferry command run as a child JVM on this test's class path, for what an in-process run cannot
 * show: its standard output and input, a kill, a limit on its memory. Its stdout and stderr go to
 * files, so a test reads every byte it wrote.
 */
final class CliProcess {
    private CliProcess() {
    }

    /**
     * Starts {@code ferry args...}. {@code shellPrefix}, when not empty, runs before the JVM in
     * {@code bash -c} (for example {@code ulimit -v 3000000}); {@code stdin} is read as standard input,
     * or nothing when null.
     */
    static Process start(Path stdout, Path stderr, Path stdin, String shellPrefix, String... args) throws IOException {
        List<String> command = command(args);
        if (!shellPrefix.isEmpty()) {
            List<String> prefixed = new ArrayList<>(List.of("bash", "-c", shellPrefix + " && exec \"$@\"", "ferry"));
            prefixed.addAll(command);
            command = prefixed;
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().remove("FERRY_DEBUG");
        return builder.start();
    }

    /**
     * Starts {@code ferry args...} on a terminal of its own, as at a user's shell, for what only a terminal
     * shows (a progress bar): {@code script} from util-linux gives it one, 200 columns wide, and copies all it
     * writes there to {@code output}. See {@link #canStartInTerminal()}.
     */
    static Process startInTerminal(Path output, String... args) throws IOException {
        String command = command(args).stream().map(CliProcess::shellQuoted).collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command", command,
                "/dev/null")
                .redirectOutput(output.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("FERRY_DEBUG");
        builder.environment().put("COLUMNS", "200");
        return builder.start();
    }

    /** Whether {@link #startInTerminal} can work here: {@code script} is installed. */
    static boolean canStartInTerminal() throws InterruptedException {
        try {
            Process script = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
            script.getInputStream().transferTo(OutputStream.nullOutputStream());
            return script.waitFor(30, TimeUnit.SECONDS) && script.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The command line of {@code ferry args...} in a child JVM. {@code env --default-signal=INT} gives it SIGINT as a shell at a
     * terminal does: tests started in the background by a shell without job control inherit SIGINT
     * ignored, and a JVM that starts with it ignored keeps ignoring it (Ctrl-C tests would wait in vain).
     */
    static List<String> command(String... args) {
        List<String> java = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FerryCommand.class.getName()));
        java.addAll(List.of(args));
        return java;
    }

    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs {@code ferry args...} to the end (at most two minutes) and returns its exit code. */
    static int run(Path stdout, Path stderr, Path stdin, String shellPrefix, String... args) throws IOException, InterruptedException {
        Process process = start(stdout, stderr, stdin, shellPrefix, args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("ferry " + String.join(" ", args) + " did not end within two minutes: "
                    + Files.readString(stderr));
        }
        return process.exitValue();
    }

    /** Sends {@code signal} (INT, TERM, ...) to process {@code pid} with kill(1). */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " failed");
        }
    }
}
