package io.ferry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the ferry command in a JVM of its own, with exactly the environment given (and the
 * test's class path), for what a run in the test's JVM cannot control: environment variables and
 * system properties.
 */
record ChildCli(int exitCode, String out, String err) {
    private static final long TIMEOUT_S = 120;

    /**
     * Runs {@code ferry args} with {@code environment} (plus {@code PATH}) and {@code user.home} set
     * to {@code userHome}, as when the passwd entry names another directory than {@code $HOME}.
     */
    static ChildCli run(Path workDir, Map<String, String> environment, Path userHome, String... args)
            throws IOException, InterruptedException {
        return run(workDir, List.of(), environment, userHome, args);
    }

    /** As {@link #run(Path, Map, Path, String...)}, with {@code jvmOptions} for the child's JVM. */
    static ChildCli run(Path workDir, List<String> jvmOptions, Map<String, String> environment, Path userHome, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + userHome));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FerryCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "child-", ".out");
        Path err = Files.createTempFile(workDir, "child-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ferry " + String.join(" ", args) + " did not end within " + TIMEOUT_S + " s");
        }
        return new ChildCli(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
