package io.ferry.cli;

import io.ferry.FerryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The {@code ferry} command: its subcommands and how errors reach the user. */
@Command(name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves bytes between memory, files, object stores and peers as fast as the hardware allows.")
public final class FerryCommand implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CopyCommand.class, GetCommand.class, PutCommand.class,
            SendCommand.class, ReceiveCommand.class, EnginesCommand.class, BenchCommand.class, ServeCommand.class,
            NvmeCommand.class, TrainCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Usage.commandRequired(spec, "a command");
    }

    public static void main(String[] args) {
        NativeWarmUp.start(args);
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; user errors print one line on stderr. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors going to the given writers. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new FerryCommand());
        subcommandsFor(args).forEach(command -> commandLine.addSubcommand(command));
        commandLine.registerConverter(Path.class, FerryCommand::pathOption); // after the subcommands: they take it too
        commandLine.setOut(out);
        commandLine.setErr(err);
        ErrorReporter reporter = new ErrorReporter();
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionExceptionHandler(reporter);
        UnknownSettings.warn(System.getenv(), err);
        return commandLine.execute(args);
    }

    /**
     * The subcommands that {@code args} may use. Picocli builds a command's model by reflection
     * when it is added, 20-30 ms per command, so a run of one command or of {@code --version}
     * adds only what it uses; anything else (help, a typo to suggest a name for) gets them all.
     */
    private static List<Class<?>> subcommandsFor(String[] args) {
        String first = args.length == 0 ? "" : args[0];
        if (first.equals("--version") || first.equals("-V")) {
            return List.of();
        }
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(command -> command != CommandLine.HelpCommand.class && nameOf(command).equals(first)).toList();
        return named.isEmpty() ? SUBCOMMANDS : named;
    }

    /** A path option's value, read as the kernel reads it ({@link ArgumentPath}). */
    private static Path pathOption(String value) {
        try {
            return ArgumentPath.of(value);
        } catch (FerryException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
