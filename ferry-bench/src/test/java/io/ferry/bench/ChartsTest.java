package io.ferry.bench;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

import java.awt.geom.Rectangle2D;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    static BenchResult result(BenchOp op, long blockSizeBytes, int ioDepth, double avgTxUs) {
        return new BenchResult(op, "psync", false, blockSizeBytes, 1, ioDepth, 1, 1000 * blockSizeBytes, 1.0, 1000,
                avgTxUs + 1, BenchResultTest.LATENCY, 2.0, 3.0, 1.0, 2.0, avgTxUs, avgTxUs * 2, 0.1, null);
    }

    /** Writes at 4k and 64k, then reads at 4k and 64k with fio beside them. */
    static List<BenchRow> writeThenReadWithFio() {
        return List.of(
                new BenchRow(result(BenchOp.WRITE, 4096, 1, 10), List.of()),
                new BenchRow(result(BenchOp.WRITE, 65536, 1, 40), List.of()),
                JsonReporterTest.withFio(result(BenchOp.READ, 4096, 1, 8)),
                JsonReporterTest.withFio(result(BenchOp.READ, 65536, 1, 30)));
    }

    @Test
    void shouldDrawOneBandwidthSeriesPerConfigurationAndOnePerReferenceTool() {
        XYChart chart = Charts.bandwidth(writeThenReadWithFio());

        assertThat(chart.getSeriesMap().keySet()).containsExactly("write", "read", "read fio");
    }

    @Test
    void shouldDrawMeanAndP99LatencyOfEachConfigurationAndReferenceTool() {
        XYChart chart = Charts.latency(writeThenReadWithFio());

        assertThat(chart.getSeriesMap().keySet()).containsExactly("write avg Tx", "write p99 Tx", "read avg Tx",
                "read p99 Tx", "read fio avg", "read fio p99");
        assertThat(chart.getSeriesMap().get("read p99 Tx").getYData()).containsExactly(16.0, 60.0);
        assertThat(chart.getSeriesMap().get("read fio avg").getYData()).containsExactly(50.0, 50.0);
    }

    @Test
    void shouldDrawThePercentileDashedInTheColourOfItsMean() {
        XYChart chart = Charts.latency(writeThenReadWithFio());

        XYSeries avg = chart.getSeriesMap().get("read avg Tx");
        XYSeries p99 = chart.getSeriesMap().get("read p99 Tx");
        assertThat(p99.getLineColor()).isEqualTo(avg.getLineColor())
                .isNotEqualTo(chart.getSeriesMap().get("write avg Tx").getLineColor());
        assertThat(p99.getLineStyle()).isEqualTo(SeriesLines.DASH_DASH);
        assertThat(avg.getLineStyle()).isEqualTo(SeriesLines.SOLID);
    }

    @Test
    void shouldNameConfigurationsByWhatDiffersBetweenThem() {
        List<BenchRow> rows = List.of(
                new BenchRow(result(BenchOp.READ, 4096, 1, 10), List.of()),
                new BenchRow(result(BenchOp.READ, 4096, 8, 10), List.of()),
                new BenchRow(result(BenchOp.READ, 65536, 1, 10), List.of()));

        XYChart chart = Charts.bandwidth(rows);

        assertThat(chart.getSeriesMap().keySet()).containsExactly("read iodepth=1", "read iodepth=8");
        assertThat(chart.getSeriesMap().get("read iodepth=1").getXData()).hasSize(2);
    }

    @Test
    void shouldPlaceBlockSizesOnALogTwoAxisInIncreasingOrder() {
        List<BenchRow> rows = List.of(
                new BenchRow(result(BenchOp.READ, 1 << 20, 1, 10), List.of()),
                new BenchRow(result(BenchOp.READ, 4096, 1, 10), List.of()));

        XYSeries series = Charts.bandwidth(rows).getSeriesMap().get("read");

        assertThat(series.getXData()).containsExactly(12.0, 20.0);
    }

    @Test
    void shouldLabelTheXAxisWithSizesAtPowersOfTwoOnly() {
        assertThat(Charts.sizeLabel(12)).isEqualTo("4k");
        assertThat(Charts.sizeLabel(16)).isEqualTo("64k");
        assertThat(Charts.sizeLabel(20)).isEqualTo("1m");
        assertThat(Charts.sizeLabel(9)).isEqualTo("512");
        assertThat(Charts.sizeLabel(12.5)).isEmpty();
    }

    @Test
    void shouldLeaveOutPointsThatWereNotMeasured() {
        BenchResult unmeasured = new BenchResult(BenchOp.READ, "psync", false, 8192, 1, 1, 1, 0, 0.0, 0,
                Double.NaN, LatencyPercentiles.NONE, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, null);
        List<BenchRow> rows = List.of(new BenchRow(result(BenchOp.READ, 4096, 1, 10), List.of()),
                new BenchRow(unmeasured, List.of()));

        assertThat(Charts.latency(rows).getSeriesMap().get("read avg Tx").getXData()).containsExactly(12.0);
    }

    @Test
    void shouldFitTheLegendOfAnyNumberOfSeriesAndKeepThePlotsSize() throws ReflectiveOperationException {
        for (int configurations : new int[] {1, 4, 24}) {
            List<BenchRow> rows = new ArrayList<>();
            for (int depth = 1; depth <= configurations; depth++) {
                rows.add(JsonReporterTest.withFio(new BenchResult(BenchOp.RANDREAD, "io_uring", false, 4096, 1, depth, 1,
                        4096_000, 1.0, 1000, 20.0, BenchResultTest.LATENCY, 2.0, 3.0, 1.0, 2.0, 10.0, 20.0, 0.1, null)));
            }
            for (XYChart chart : List.of(Charts.bandwidth(rows), Charts.latency(rows))) {
                BitmapEncoder.getBufferedImage(chart); // lays the chart out

                Rectangle2D legend = bounds(chart, "getLegend");
                Rectangle2D plot = bounds(chart, "getPlot");
                // XChart places the legend below the plot; its bounds give its size.
                assertThat(plot.getMaxY() + legend.getHeight()).as("%s legend of %d series", chart.getTitle(),
                        chart.getSeriesMap().size()).isLessThanOrEqualTo(chart.getHeight());
                assertThat(legend.getWidth()).isLessThanOrEqualTo(chart.getWidth());
                assertThat(legend.getHeight()).isGreaterThanOrEqualTo(20.0 * chart.getSeriesMap().size());
                assertThat(plot.getHeight()).as("the plot keeps its size").isGreaterThan(300);
            }
        }
    }

    /** The bounds XChart laid a part of the chart out in (its accessor is package-private). */
    private static Rectangle2D bounds(XYChart chart, String part) throws ReflectiveOperationException {
        Method accessor = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod(part);
        accessor.setAccessible(true);
        Object chartPart = accessor.invoke(chart);
        return (Rectangle2D) chartPart.getClass().getMethod("getBounds").invoke(chartPart);
    }

    @Test
    void shouldEncodeChartsAsPng() {
        assertThat(Arrays.copyOf(Charts.png(Charts.bandwidth(writeThenReadWithFio())), 4)).isEqualTo(PNG_MAGIC);
        assertThat(Arrays.copyOf(Charts.png(Charts.latency(List.of())), 4)).isEqualTo(PNG_MAGIC);
    }
}
