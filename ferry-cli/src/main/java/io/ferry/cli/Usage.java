package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Usage errors: a command line that cannot run as given. They exit with 2, print one line that
 * names the option (by its flag) or the argument, and are found before any work starts. Whatever
 * fails later, while files and objects are read and written, exits with 1.
 */
final class Usage {
    private Usage() {
    }

    /** A usage error of {@code spec}'s command. */
    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The error of a command that was given none of its subcommands: it names them. */
    static ParameterException commandRequired(CommandSpec spec, String kind) {
        return error(spec, kind + " is required (" + commandNames(spec.commandLine()) + ")");
    }

    /** The names of {@code command}'s subcommands that a user may give, in help's order (not the hidden ones). */
    static String commandNames(CommandLine command) {
        return command.getSubcommands().values().stream().distinct()
                .map(CommandLine::getCommandSpec)
                .filter(sub -> !sub.usageMessage().hidden() && !(sub.userObject() instanceof CommandLine.HelpCommand))
                .map(CommandSpec::name)
                .collect(Collectors.joining(", "));
    }

    /**
     * The value of {@code check}, which validates one option; a refusal becomes a usage error that
     * names {@code option} first, unless the message already does.
     */
    static <T> T option(CommandSpec spec, String option, Supplier<T> check) {
        try {
            return check.get();
        } catch (FerryException e) {
            String message = e.getMessage();
            throw error(spec, message.startsWith(option) ? message : option + ": " + message);
        }
    }

    /**
     * The value of {@code probe}, which may look at the machine (a tool, a file); a refusal of the
     * arguments themselves ({@link ErrorCode#INVALID_ARGUMENT}) becomes a usage error, anything else
     * stays a failure.
     */
    static <T> T probe(CommandSpec spec, Supplier<T> probe) {
        try {
            return probe.get();
        } catch (FerryException e) {
            if (e.errorCode() == ErrorCode.INVALID_ARGUMENT) {
                throw error(spec, e.getMessage());
            }
            throw e;
        }
    }

    /** Refuses an empty argument (a path or URL given as {@code ""}). */
    static String nonEmpty(CommandSpec spec, String label, String value) {
        if (value.isBlank()) {
            throw error(spec, label + " is empty: name a " + (label.equals("URL") ? "location" : "file"));
        }
        return value;
    }

    /** Refuses a location whose scheme Ferry cannot read or write, before any request. */
    static String location(CommandSpec spec, String url) {
        nonEmpty(spec, "URL", url);
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://") && !lower.startsWith("s3://")) {
            throw error(spec, "unsupported location " + url + ": expected http://, https:// or s3://");
        }
        return url;
    }
}
