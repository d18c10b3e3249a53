package io.ferry.bench.curl;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.ToolProcesses;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time of a command, measured by the shell that runs it: {@link #wrap} runs the command
 * under {@code /bin/sh} and ends with the POSIX {@code times} builtin, whose second line is the
 * user and system time of the shell's children ({@code 0m0.120000s 0m0.040000s} in dash,
 * {@code 0m0.120s 0m0.040s} in bash). The shell has waited for the command, so the kernel has
 * added its whole CPU time there; reading {@code /proc} instead would race with the exit.
 */
final class ChildCpuTime {
    /** Runs {@code "$@"}, keeps its status, prints {@code times}, and exits with the status. */
    private static final String SCRIPT = "\"$@\"; status=$?; times; exit $status";
    private static final Pattern TIMES_LINE = Pattern.compile("^\\s*(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s\\s*$");

    private ChildCpuTime() {
    }

    /** {@code command} run by a shell that prints the CPU time of its children after it. */
    static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "ferry-cpu-time"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Seconds of user plus system time of the children, from the output of a {@linkplain #wrap
     * wrapped} command: the last line of {@code times}.
     */
    static double seconds(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        // times prints the shell's own times, then its children's: both lines end the output.
        if (lines.size() >= 2 && TIMES_LINE.matcher(lines.get(lines.size() - 2)).matches()) {
            Matcher children = TIMES_LINE.matcher(lines.getLast());
            if (children.matches()) {
                return minutesAndSeconds(children.group(1), children.group(2))
                        + minutesAndSeconds(children.group(3), children.group(4));
            }
        }
        throw new FerryException(ErrorCode.IO_ERROR, "the shell printed no CPU times after curl: "
                + ToolProcesses.firstLines(output));
    }

    private static double minutesAndSeconds(String minutes, String seconds) {
        return Long.parseLong(minutes) * 60 + Double.parseDouble(seconds);
    }
}
