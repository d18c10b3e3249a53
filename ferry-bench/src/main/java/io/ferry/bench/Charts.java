package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Sizes;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report's charts, drawn with XChart: bandwidth, and latency, against block size. The x axis is
 * logarithmic in base 2, drawn as the exponent, and labelled with sizes ({@code 4k}, {@code 64k},
 * {@code 1m}). Each {@link Sweep} is one line, named by {@link Sweep#labels}, and each reference
 * tool that ran in a sweep adds one ({@code read fio}); a line has the same colour in both charts.
 * Points that were not measured are left out. The legend lists one series per line below the plot,
 * and the image grows by one line per series, so that any number of series fits and the plot keeps
 * its size.
 *
 * <p>Rendering runs headless: the class sets {@code java.awt.headless=true} when it is loaded,
 * unless the property was set already, before any AWT class is used.
 */
final class Charts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH_PX = 900;
    /** The height without the legend: the plot, titles and axes. */
    static final int HEIGHT_PX = 480;
    /** The height one legend line takes: XChart's 20 px colour box and 10 px padding, and some room. */
    static final int LEGEND_LINE_PX = 32;

    private Charts() {
    }

    /** Bandwidth in GB/s (decimal) against block size, on a linear axis from 0. */
    static XYChart bandwidth(List<BenchRow> rows) {
        List<Line> lines = lines(rows);
        XYChart chart = chart("Bandwidth", "GB/s", false, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            addSeries(chart, line.name(), line.rows(), line.bandwidth(), i, SeriesLines.SOLID);
        }
        return chart;
    }

    /**
     * Latency in microseconds against block size, on a logarithmic axis: for each configuration the
     * mean ({@code avg Tx}, solid) and 99th percentile ({@code p99 Tx}, dashed, same colour) of Tx,
     * from post return to completion of a transfer; for each reference tool its mean and 99th
     * percentile completion latency. Values that are not positive are left out.
     */
    static XYChart latency(List<BenchRow> rows) {
        List<Line> lines = lines(rows);
        XYChart chart = chart("Latency", "µs", true, 2 * lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            addSeries(chart, line.name() + " avg" + line.latencySuffix(), line.rows(), line.avgLatency(), i, SeriesLines.SOLID);
            addSeries(chart, line.name() + " p99" + line.latencySuffix(), line.rows(), line.p99Latency(), i,
                    SeriesLines.DASH_DASH);
        }
        return chart;
    }

    /** The chart as a PNG image. */
    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot encode the chart '" + chart.getTitle() + "' as PNG: " + e, e);
        }
    }

    /** The size label of a tick at {@code exponent} (a power of two), or nothing between powers. */
    static String sizeLabel(double exponent) {
        long rounded = Math.round(exponent);
        if (Math.abs(exponent - rounded) > 1e-6 || rounded < 0 || rounded > 62) {
            return "";
        }
        return Sizes.format(1L << rounded);
    }

    /** What one configuration, or one reference tool beside it, measured: a colour in both charts. */
    private record Line(String name, List<BenchRow> rows, ToDoubleFunction<BenchRow> bandwidth,
                        ToDoubleFunction<BenchRow> avgLatency, ToDoubleFunction<BenchRow> p99Latency,
                        String latencySuffix) {
    }

    /** Per sweep, in order: Ferry's line, then one per reference tool that ran in the sweep. */
    private static List<Line> lines(List<BenchRow> rows) {
        List<Line> lines = new ArrayList<>();
        Map<Sweep, List<BenchRow>> sweeps = Sweep.group(rows);
        Map<Sweep, String> labels = Sweep.labels(sweeps.keySet());
        sweeps.forEach((sweep, sweepRows) -> {
            String label = labels.get(sweep);
            lines.add(new Line(label, sweepRows, row -> row.ferry().bandwidthGBps(), row -> row.ferry().avgTxUs(),
                    row -> row.ferry().p99TxUs(), " Tx"));
            for (String tool : ReportColumns.tools(sweepRows)) {
                lines.add(new Line(label + " " + tool, sweepRows, row -> reference(row, tool, ReferenceResult::bandwidthGBps),
                        row -> reference(row, tool, ReferenceResult::avgLatUs),
                        row -> reference(row, tool, r -> r.lat().p99Us()), ""));
            }
        });
        return lines;
    }

    /** A chart tall enough for the plot and a legend of {@code seriesCount} lines below it. */
    private static XYChart chart(String title, String yAxisTitle, boolean logarithmic, int seriesCount) {
        XYChart chart = new XYChartBuilder().width(WIDTH_PX).height(HEIGHT_PX + seriesCount * LEGEND_LINE_PX).title(title)
                .xAxisTitle("Block size").yAxisTitle(yAxisTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Vertical)
                .setChartBackgroundColor(Color.WHITE);
        styler.setLocale(Locale.ROOT);
        styler.setxAxisTickLabelsFormattingFunction(Charts::sizeLabel);
        if (logarithmic) {
            styler.setYAxisLogarithmic(true);
        } else {
            styler.setYAxisMin(0.0);
        }
        return chart;
    }

    /** Adds the rows' finite values (positive ones on a logarithmic axis), by block size, unless there are none. */
    private static void addSeries(XYChart chart, String name, List<BenchRow> rows, ToDoubleFunction<BenchRow> value,
                                  int colourIndex, BasicStroke lineStyle) {
        boolean logarithmic = chart.getStyler().isYAxisLogarithmic();
        List<BenchRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(row -> row.ferry().blockSizeBytes()));
        List<Double> exponents = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (BenchRow row : sorted) {
            double y = value.applyAsDouble(row);
            if (Double.isFinite(y) && (y > 0 || !logarithmic)) {
                exponents.add(Math.log(row.ferry().blockSizeBytes()) / Math.log(2));
                values.add(y);
            }
        }
        if (!values.isEmpty()) {
            Color[] colours = chart.getStyler().getSeriesColors();
            Color colour = colours[colourIndex % colours.length];
            XYSeries series = chart.addSeries(name, exponents, values);
            series.setLineStyle(lineStyle).setLineColor(colour);
            series.setMarkerColor(colour);
        }
    }

    private static double reference(BenchRow row, String tool, ToDoubleFunction<ReferenceResult> value) {
        return row.reference(tool).map(value::applyAsDouble).orElse(Double.NaN);
    }
}
