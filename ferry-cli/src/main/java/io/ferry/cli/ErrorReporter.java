package io.ferry.cli;

import io.ferry.FerryException;
import io.ferry.internal.IoErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Turns failures into one line on stderr, starting with {@code ferry: }, and a non-zero exit code:
 * a bad command line ({@link Usage}) exits with 2, failed work with 1. No stack trace and no class
 * name reaches the user unless the environment variable FERRY_DEBUG is set.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final boolean debug = System.getenv("FERRY_DEBUG") != null;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = e instanceof UnmatchedArgumentException unmatched && isUnknownCommand(unmatched)
                ? unknownCommand(unmatched) : e.getMessage();
        err.println("ferry: " + message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    /** Whether the word picocli did not match stands where a command of one with subcommands goes. */
    private static boolean isUnknownCommand(UnmatchedArgumentException e) {
        List<String> words = e.getUnmatched();
        return !e.getCommandLine().getSubcommands().isEmpty() && !words.isEmpty() && !words.getFirst().startsWith("-");
    }

    private static String unknownCommand(UnmatchedArgumentException e) {
        CommandLine command = e.getCommandLine();
        String kind = command.getParent() == null ? "command" : command.getCommandName() + " command";
        List<String> suggestions = e.getSuggestions();
        String guess = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
        return "unknown " + kind + " '" + e.getUnmatched().getFirst() + "'" + guess + "; the " + kind + "s are "
                + Usage.commandNames(command);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String message = userMessage(e);
        if (message == null) {
            err.println("ferry: internal error" + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (debug ? "" : " (run again with FERRY_DEBUG=1 for details, and report it)"));
        } else {
            err.println("ferry: " + message);
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** The message for an error the user can act on, or null for an unexpected one. */
    private static String userMessage(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof FerryException) {
            return e.getMessage();
        }
        if (e instanceof IOException io) {
            return IoErrors.describe(io);
        }
        return null;
    }
}
