package io.ferry.bench;

import io.ferry.settings.Sizes;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The markup of the HTML report: one self-contained page, with its style inline, the charts as
 * {@code data:} URIs, no script and nothing fetched from elsewhere.
 */
final class HtmlPage {
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            h1 { margin-bottom: 0.2em; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; }
            th { background: #f2f2f2; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            code { background: #f6f6f6; padding: 0.1em 0.3em; word-break: break-all; }
            img { display: block; max-width: 100%; height: auto; margin: 1em 0; }
            """;
    private static final Map<String, String> SECTION_TITLES = Map.of(
            "ferry", "Ferry", "machine", "Machine", "config", "Configuration");

    private HtmlPage() {
    }

    /** The page: run information, configuration, the two charts and one results table per sweep. */
    static String render(RunInfo info, List<BenchRow> rows, byte[] bandwidthPng, byte[] latencyPng) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ferry bench ")
                .append(escape(info.timestamp().toString())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>ferry bench</h1>\n<p>Command line: <code>")
                .append(escape(info.commandLineText())).append("</code></p>\n");
        info.sections().forEach((name, entries) -> {
            html.append("<h2>").append(escape(SECTION_TITLES.getOrDefault(name, name))).append("</h2>\n<table>\n");
            entries.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
                    .append(escape(value)).append("</td></tr>\n"));
            html.append("</table>\n");
        });
        html.append("<h2>Charts</h2>\n");
        image(html, bandwidthPng, "Bandwidth (GB/s, decimal) against block size, one line per configuration");
        image(html, latencyPng, "Latency (µs, mean and 99th percentile of Tx) against block size, two lines per configuration");
        html.append("<h2>Results</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>No rows were run.</p>\n");
        }
        Sweep.group(rows).forEach((sweep, sweepRows) -> table(html, sweep, sweepRows));
        return html.append("</body>\n</html>\n").toString();
    }

    private static void image(StringBuilder html, byte[] png, String description) {
        // No height: the image grows with its legend, and the width keeps its proportions.
        html.append("<img alt=\"").append(escape(description)).append("\" width=\"").append(Charts.WIDTH_PX)
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    private static void table(StringBuilder html, Sweep sweep, List<BenchRow> rows) {
        List<String> tools = ReportColumns.tools(rows);
        html.append("<h3>").append(escape(sweep.title())).append("</h3>\n<table>\n<tr>");
        for (String header : ResultCells.headers(tools)) {
            html.append("<th>").append(escape(header)).append("</th>");
        }
        html.append("</tr>\n");
        for (BenchRow row : rows) {
            html.append("<tr>");
            for (String cell : ResultCells.cells(row, tools)) {
                html.append("<td class=\"number\">").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        for (BenchRow row : rows) {
            String fallback = ResultCells.fallback(row.ferry());
            if (!fallback.isEmpty()) {
                html.append("<p>").append(Sizes.format(row.ferry().blockSizeBytes())).append(": ").append(escape(fallback))
                        .append("</p>\n");
            }
        }
    }

    /** Text with the characters that HTML gives a meaning escaped. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
