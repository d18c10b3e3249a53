package io.ferry.cli;

import io.ferry.FerryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Turns failures into one clear line on stderr and a non-zero exit code. Bad options exit with 2,
 * failed work with 1. A stack trace is printed only for unexpected errors, or for every error when
 * the environment variable FERRY_DEBUG is set.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final boolean debug = System.getenv("FERRY_DEBUG") != null;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandName() + ": " + e.getMessage() + " (see '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String message = userMessage(e);
        if (message == null) {
            err.println("ferry: unexpected error: " + e);
            e.printStackTrace(err);
        } else {
            err.println("ferry: " + message);
            if (debug) {
                e.printStackTrace(err);
            }
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** The message for an error the user can act on, or null for an unexpected one. */
    private static String userMessage(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof FerryException || e instanceof IOException) {
            return e.getMessage();
        }
        return null;
    }
}
