package io.ferry.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The report as CSV, for spreadsheets and data frames. It starts with one comment line
 * {@code # section.key: value} per entry of the {@linkplain RunInfo#sections() run information}
 * ({@code # ferry.version: 0.1.0}, {@code # machine.cpu_model: ...}, {@code # config.bs: 4k,64k})
 * and {@code # command_line: ...}; then comes a header line and one line per row, with the fields
 * of {@link ReportColumns} for every reference tool that ran for any row (a row without a tool's
 * result leaves its fields empty). pandas reads it with {@code read_csv(path, comment='#')}.
 *
 * <p>Fields are quoted as RFC 4180 says when they hold a comma, a double quote (doubled inside)
 * or a line break, and also when they hold {@code #}, so that readers that take {@code #} for a
 * comment leave them alone. Numbers that are not finite are empty. Lines end with LF; line breaks
 * inside a comment's value are written as spaces, so that each comment stays one line.
 */
public final class CsvReporter implements BenchReporter {
    private final PrintStream out;
    private final RunInfo runInfo;

    /** Prints to {@code out}, which this reporter does not close, a report that records {@code runInfo}. */
    public CsvReporter(PrintStream out, RunInfo runInfo) {
        this.out = Objects.requireNonNull(out, "out");
        this.runInfo = Objects.requireNonNull(runInfo, "runInfo");
    }

    @Override
    public void report(List<BenchRow> rows) {
        StringBuilder csv = new StringBuilder();
        runInfo.sections().forEach((section, entries) ->
                entries.forEach((key, value) -> comment(csv, section + "." + key, value)));
        comment(csv, "command_line", runInfo.commandLineText());
        List<ReportColumns.Column> columns = ReportColumns.of(ReportColumns.tools(rows));
        line(csv, columns.stream().map(ReportColumns.Column::name).toList());
        for (BenchRow row : rows) {
            line(csv, columns.stream().map(column -> text(column.value().apply(row))).toList());
        }
        out.print(csv);
        out.flush();
    }

    private static void comment(StringBuilder csv, String key, String value) {
        csv.append("# ").append(key).append(": ").append(value.replaceAll("[\r\n]", " ")).append('\n');
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append('\n');
    }

    /** One field, quoted when it holds a comma, double quote, line break or {@code #}. */
    static String field(String text) {
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r' || c == '#')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Double number -> Double.isFinite(number) ? number.toString() : "";
            default -> value.toString();
        };
    }
}
