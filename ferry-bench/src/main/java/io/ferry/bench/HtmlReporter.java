package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The report as a self-contained HTML page, with the same two charts also written as PNG files
 * beside it. The page holds the run information and configuration, the charts (bandwidth, and
 * latency, against block size, one line per configuration and one per reference tool) embedded as
 * base64 PNG images, and one nixlbench results table per configuration; it has its style inline,
 * no script, and fetches nothing. For a page {@code report.html} the charts are
 * {@code report-bandwidth.png} and {@code report-latency.png}. Existing files are replaced.
 */
public final class HtmlReporter implements BenchReporter {
    private static final String HTML_SUFFIX = ".html";

    private final Path htmlFile;
    private final RunInfo runInfo;
    private final Path bandwidthPng;
    private final Path latencyPng;

    /**
     * Writes the page to {@code htmlFile} and the charts beside it.
     *
     * @param htmlFile a file path whose directory exists; its name with {@code .html} removed
     *                 starts the names of the PNG files
     */
    public HtmlReporter(Path htmlFile, RunInfo runInfo) {
        this.htmlFile = Objects.requireNonNull(htmlFile, "htmlFile");
        this.runInfo = Objects.requireNonNull(runInfo, "runInfo");
        Path name = Objects.requireNonNull(htmlFile.getFileName(), () -> "not a file path: " + htmlFile);
        String base = name.toString();
        if (base.toLowerCase(Locale.ROOT).endsWith(HTML_SUFFIX)) {
            base = base.substring(0, base.length() - HTML_SUFFIX.length());
        }
        bandwidthPng = htmlFile.resolveSibling(base + "-bandwidth.png");
        latencyPng = htmlFile.resolveSibling(base + "-latency.png");
    }

    /** The HTML page. */
    public Path htmlFile() {
        return htmlFile;
    }

    /** The PNG file of the bandwidth chart, beside the page. */
    public Path bandwidthPng() {
        return bandwidthPng;
    }

    /** The PNG file of the latency chart, beside the page. */
    public Path latencyPng() {
        return latencyPng;
    }

    /**
     * Draws the charts and writes the two PNG files, then the page.
     *
     * @throws FerryException with {@link ErrorCode#IO_ERROR} when a file cannot be written
     */
    @Override
    public void report(List<BenchRow> rows) {
        byte[] bandwidth = Charts.png(Charts.bandwidth(rows));
        byte[] latency = Charts.png(Charts.latency(rows));
        write(bandwidthPng, bandwidth);
        write(latencyPng, latency);
        write(htmlFile, HtmlPage.render(runInfo, rows, bandwidth, latency).getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot write the report " + IoErrors.describe(file, e), e);
        }
    }
}
