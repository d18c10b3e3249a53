package io.ferry.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The report as one JSON object:
 * <pre>
 * {"ferry": {"version": ..., "commit": ...},
 *  "machine": {"timestamp": ..., "hostname": ..., "cpu_model": ..., ...},
 *  "config": {"filename": ..., "size": ..., "rw": ..., "bs": ..., ...},
 *  "command_line": ["ferry", "bench", ...],
 *  "results": [{...}, {...}]}
 * </pre>
 * The first three are the {@linkplain RunInfo#sections() sections of the run information}: the
 * entries of {@link RunInfo#NUMBER_KEYS} as numbers ({@code null} when unknown), every other value
 * a string, as the options accept it ({@code "bs": "4k,64k"}); {@code results} holds one object per row, on a line of its own, with the
 * fields of {@link ReportColumns}: Ferry's, then those of each reference tool that ran for the row.
 * A number that is not finite, and a field a row does not have, are written as {@code null}.
 */
public final class JsonReporter implements BenchReporter {
    private final PrintStream out;
    private final RunInfo runInfo;

    /** Prints to {@code out}, which this reporter does not close, a report that records {@code runInfo}. */
    public JsonReporter(PrintStream out, RunInfo runInfo) {
        this.out = Objects.requireNonNull(out, "out");
        this.runInfo = Objects.requireNonNull(runInfo, "runInfo");
    }

    @Override
    public void report(List<BenchRow> rows) {
        StringBuilder json = new StringBuilder("{\n");
        runInfo.sections().forEach((name, section) -> {
            json.append("  ").append(quoted(name)).append(": {");
            section.forEach((key, value) -> field(json, key, runInfoValue(key, value)));
            json.append("},\n");
        });
        json.append("  \"command_line\": [");
        json.append(String.join(", ", runInfo.commandLine().stream().map(JsonReporter::quoted).toList()));
        json.append("],\n  \"results\": [");
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ");
            appendObject(json, rows.get(i));
        }
        json.append(rows.isEmpty() ? "]\n}" : "\n  ]\n}");
        out.println(json);
        out.flush();
    }

    private static void appendObject(StringBuilder json, BenchRow row) {
        json.append('{');
        for (ReportColumns.Column column : ReportColumns.of(row)) {
            field(json, column.name(), value(column.value().apply(row)));
        }
        json.append('}');
    }

    private static void field(StringBuilder json, String key, String value) {
        if (json.charAt(json.length() - 1) != '{') {
            json.append(", ");
        }
        json.append(quoted(key)).append(": ").append(value);
    }

    private static String runInfoValue(String key, String value) {
        if (!RunInfo.NUMBER_KEYS.contains(key)) {
            return quoted(value);
        }
        return value.matches("-?\\d+") ? value : "null";
    }

    private static String value(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> quoted(text);
            case Double number -> Double.isFinite(number) ? number.toString() : "null";
            default -> value.toString();
        };
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quoted(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
