package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code ferry} command: its subcommands and how errors reach the user. */
@Command(name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves bytes between memory, files, object stores and peers as fast as the hardware allows.",
        subcommands = {CopyCommand.class, GetCommand.class, PutCommand.class, SendCommand.class, ReceiveCommand.class, EnginesCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class FerryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (copy, get, put, send, receive, engines, bench)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; user errors print one line on stderr. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors going to the given writers. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new FerryCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        ErrorReporter reporter = new ErrorReporter();
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionExceptionHandler(reporter);
        return commandLine.execute(args);
    }
}
