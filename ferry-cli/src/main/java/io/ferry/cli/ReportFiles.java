package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchReporter;
import io.ferry.bench.BenchRow;
import io.ferry.bench.CsvReporter;
import io.ferry.bench.HtmlReporter;
import io.ferry.bench.JsonReporter;
import io.ferry.bench.RunInfo;
import io.ferry.internal.Errno;
import io.ferry.internal.IoErrors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The report files that {@code ferry bench} was asked for: checked before the first row, so that a
 * long sweep never ends in a report that cannot be written, then written after the last, each in
 * one piece (or, when a signal stops the run, with the rows measured until then); a write error
 * fails the command, naming the file and the errno.
 */
record ReportFiles(Path json, Path csv, Path html) {
    /** Fails, naming the option, when a report file could not be written: no directory, a directory, no permission. */
    void check() {
        check("--json", json);
        check("--csv", csv);
        check("--html", html);
    }

    private static void check(String option, Path path) {
        if (path == null) {
            return;
        }
        Path directory = path.toAbsolutePath().getParent();
        String problem = Files.isDirectory(path) ? Errno.name(Errno.EISDIR)
                : !Files.isDirectory(directory) ? "no such directory " + directory
                : !Files.isWritable(Files.exists(path) ? path : directory) ? Errno.name(Errno.EACCES)
                : null;
        if (problem != null) {
            throw new FerryException(ErrorCode.IO_ERROR, option + " " + path + ": cannot write the report there: " + problem);
        }
    }

    /** Whether any report was asked for. */
    boolean any() {
        return json != null || csv != null || html != null;
    }

    void write(RunInfo runInfo, List<BenchRow> rows, PrintWriter out) {
        if (json != null) {
            write(json, render(stream -> new JsonReporter(stream, runInfo), rows));
            out.println("results written to " + json);
        }
        if (csv != null) {
            write(csv, render(stream -> new CsvReporter(stream, runInfo), rows));
            out.println("results written to " + csv);
        }
        if (html != null) {
            HtmlReporter reporter = new HtmlReporter(html, runInfo);
            reporter.report(rows);
            out.println("report written to " + html + " (charts: " + reporter.bandwidthPng() + ", "
                    + reporter.latencyPng() + ")");
        }
    }

    private static byte[] render(Function<PrintStream, BenchReporter> reporter, List<BenchRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            reporter.apply(stream).report(rows);
        }
        return bytes.toByteArray();
    }

    private static void write(Path path, byte[] content) {
        try {
            Files.write(path, content);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot write the report " + IoErrors.describe(path, e), e);
        }
    }
}
