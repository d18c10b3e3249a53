package io.ferry.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReporterTest {
    private static final Pattern IMAGE = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path directory;

    /** Writes the report of {@code rows} to report.html in the test's directory and returns the page. */
    static String report(Path directory, List<BenchRow> rows) throws IOException {
        Path page = directory.resolve("report.html");
        new HtmlReporter(page, RunInfoTest.sample()).report(rows);
        return Files.readString(page);
    }

    /** The decoded images embedded in a page. */
    static List<byte[]> images(String html) {
        Matcher matcher = IMAGE.matcher(html);
        return matcher.results().map(match -> Base64.getDecoder().decode(match.group(1))).toList();
    }

    @Test
    void shouldSayUnderTheTableWhyIosFellBackFromRegisteredBuffers() throws IOException {
        BenchResult ring = new BenchResult(BenchOp.READ, "io_uring", false, 65536, 1, 1, 1, 65536, 1.0, 1, 10.5,
                BenchResultTest.LATENCY, 3.0, 4.0, 1.25, 2.0, 9.25, 20.0, 0.25,
                new io.ferry.spi.RegisteredIo(10, 0, 5, 0, 15, 0, "the kernel registers at most 1 GiB per buffer"));

        String html = report(directory, List.of(new BenchRow(ring, List.of())));

        assertThat(html).contains("<th>Fixed Bufs</th><th>Plain Bufs</th><th>Fixed Files</th><th>Plain Files</th>",
                "<td class=\"number\">10</td><td class=\"number\">5</td><td class=\"number\">15</td>",
                "<p>64k: fell back: 5 I/Os on a buffer the ring refused (the kernel registers at most 1 GiB per buffer)</p>");
    }

    @Test
    void shouldWriteAPageWithTheRunTheResultsAndBothChartsEmbedded() throws IOException {
        String html = report(directory, ChartsTest.writeThenReadWithFio());

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<td>AMD EPYC 7B13</td>", "<td>abc1234</td>", "<th>fs_type</th><td>ext4</td>",
                        "<th>bs</th><td>4k,64k</td>", "<code>ferry bench --bs 4k,64k</code>")
                .contains("<h3>write batch=1 iodepth=1 threads=1 engine=psync direct=0</h3>",
                        "<h3>read batch=1 iodepth=1 threads=1 engine=psync direct=0</h3>")
                .contains("<th>Block Size (B)</th>", "<th>P99 Tx (us)</th>", "<th>IOPS</th>", "<th>fio IOPS</th>",
                        "<th>ferry/fio</th>")
                .contains("<tr><td class=\"number\">65536</td><td class=\"number\">1</td>")
                .doesNotContain("<script", "http://", "https://");
        assertThat(html.split("<tr><td class=\"number\">", -1)).hasSize(5);
        assertThat(images(html)).hasSize(2).allSatisfy(png ->
                assertThat(Arrays.copyOf(png, 4)).isEqualTo(ChartsTest.PNG_MAGIC));
    }

    @Test
    void shouldWriteBothChartsAsPngFilesBesideThePage() throws IOException {
        HtmlReporter reporter = new HtmlReporter(directory.resolve("run-1.html"), RunInfoTest.sample());

        reporter.report(ChartsTest.writeThenReadWithFio());

        assertThat(reporter.bandwidthPng()).isEqualTo(directory.resolve("run-1-bandwidth.png"));
        assertThat(reporter.latencyPng()).isEqualTo(directory.resolve("run-1-latency.png"));
        for (Path png : List.of(reporter.bandwidthPng(), reporter.latencyPng())) {
            assertThat(Arrays.copyOf(Files.readAllBytes(png), 4)).isEqualTo(ChartsTest.PNG_MAGIC);
        }
        assertThat(images(Files.readString(reporter.htmlFile())).getFirst())
                .isEqualTo(Files.readAllBytes(reporter.bandwidthPng()));
    }

    @Test
    void shouldEscapeTextThatHtmlGivesAMeaning() {
        assertThat(HtmlPage.escape("<b>\"Tom\" & 'Jerry'</b>"))
                .isEqualTo("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    }

    @Test
    void shouldWriteAPageForNoRows() throws IOException {
        String html = report(directory, List.of());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("No rows were run.");
        assertThat(images(html)).hasSize(2);
    }
}
