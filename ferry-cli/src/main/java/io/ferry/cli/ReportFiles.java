package io.ferry.cli;

import io.ferry.bench.BenchReporter;
import io.ferry.bench.BenchRow;
import io.ferry.bench.CsvReporter;
import io.ferry.bench.HtmlReporter;
import io.ferry.bench.JsonReporter;
import io.ferry.bench.RunInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Writes the report files that {@code ferry bench} was asked for, and says where they went. */
record ReportFiles(Path json, Path csv, Path html) {
    void write(RunInfo runInfo, List<BenchRow> rows, PrintWriter out) throws IOException {
        if (json != null) {
            write(json, stream -> new JsonReporter(stream, runInfo), rows);
            out.println("results written to " + json);
        }
        if (csv != null) {
            write(csv, stream -> new CsvReporter(stream, runInfo), rows);
            out.println("results written to " + csv);
        }
        if (html != null) {
            HtmlReporter reporter = new HtmlReporter(html, runInfo);
            reporter.report(rows);
            out.println("report written to " + html + " (charts: " + reporter.bandwidthPng() + ", "
                    + reporter.latencyPng() + ")");
        }
    }

    private static void write(Path path, Function<PrintStream, BenchReporter> reporter, List<BenchRow> rows)
            throws IOException {
        try (PrintStream file = new PrintStream(Files.newOutputStream(path), false, StandardCharsets.UTF_8)) {
            reporter.apply(file).report(rows);
        }
    }
}
