package ru.openkassa.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The reports' PNG plots, drawn headless with XChart. */
final class LatencyPlots {

    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};

    private LatencyPlots() {
    }

    /**
     * Latency by percentile, HdrHistogram style: the x axis is {@code log10(1 / (1 - q))}, labelled
     * as the percentile (1 = 90 %, 2 = 99 %, 3 = 99.9 %), so the tail gets as much room as the
     * median; the y axis is {@code log10} of milliseconds, labelled in ms. (Both axes are drawn
     * linear over the logarithms: XChart's own log axes do not take custom labels.)
     */
    static void cdf(Path file, Map<String, Latencies> series, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(560).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.setCustomXAxisTickLabelsFormatter(LatencyPlots::percentileLabel);
        chart.setCustomYAxisTickLabelsFormatter(LatencyPlots::msLabel);
        double maxX = 1;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        int colour = 0;
        for (Map.Entry<String, Latencies> entry : series.entrySet()) {
            long[] values = entry.getValue().sortedValues();
            if (values.length == 0) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double lastX = -1;
            for (int i = 0; i < values.length; i++) {
                double x = Math.log10(1 / (1 - (i + 0.5) / values.length));
                if (i == values.length - 1 || x > lastX + 0.002) {
                    double y = logMs(values[i]);
                    xs.add(x);
                    ys.add(y);
                    lastX = x;
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
            XYSeries line = chart.addSeries(entry.getKey(), xs, ys);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(COLORS[colour++ % COLORS.length]);
            line.setLineStyle(new BasicStroke(2f));
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(Math.ceil(maxX));
        decades(chart, minY, maxY);
        save(chart, file);
    }

    /**
     * A rate over the run, one point per slice (x: seconds since the start, y: per second), each series
     * a line; the y axis starts at zero, so that a slow decline looks like one.
     */
    static void rate(Path file, Map<String, List<double[]>> series, String title, String yTitle) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(460).title(title)
                .xAxisTitle("s since the start").yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setYAxisMin(0.0);
        int colour = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double[] point : entry.getValue()) {
                xs.add(point[0]);
                ys.add(point[1]);
            }
            XYSeries line = chart.addSeries(entry.getKey(), xs, ys);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineColor(COLORS[colour % COLORS.length]);
            line.setMarkerColor(COLORS[colour++ % COLORS.length]);
            line.setLineStyle(new BasicStroke(2f));
        }
        save(chart, file);
    }

    /** Every measured receipt: its latencies against the second of the run it was accepted in. */
    static void overTime(Path file, List<ChainAnalysis.Job> jobs, long startUs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(460)
                .title("Each receipt's latency over the measured run")
                .xAxisTitle("s since the measured run began (acceptance time)").yAxisTitle("latency").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.setCustomYAxisTickLabelsFormatter(LatencyPlots::msLabel);
        double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE};
        addOverTime(chart, "accept → fiscalized (done)", jobs, startUs, true, COLORS[2], range);
        addOverTime(chart, "accept → dispatched", jobs, startUs, false, COLORS[1], range);
        if (range[0] <= range[1]) {
            decades(chart, range[0], range[1]);
        }
        save(chart, file);
    }

    private static void addOverTime(XYChart chart, String name, List<ChainAnalysis.Job> jobs, long startUs,
            boolean done, Color colour, double[] range) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ChainAnalysis.Job job : jobs) {
            long end = done ? job.fiscalizedUs() : job.dispatchedUs();
            if (end < 0) {
                continue;
            }
            double y = logMs(end - job.acceptedUs());
            xs.add((job.acceptedUs() - startUs) / 1e6);
            ys.add(y);
            range[0] = Math.min(range[0], y);
            range[1] = Math.max(range[1], y);
        }
        if (!xs.isEmpty()) {
            XYSeries points = chart.addSeries(name, xs, ys);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110));
        }
    }

    /** log10 of the latency in ms; at least 10 µs, so that a zero stays on the chart. */
    private static double logMs(long micros) {
        return Math.log10(Math.max(micros, 10) / 1000.0);
    }

    /** The y axis from the decade below the smallest value to the one above the largest. */
    private static void decades(XYChart chart, double min, double max) {
        double low = Math.floor(min);
        double high = Math.max(Math.ceil(max), low + 1);
        chart.getStyler().setYAxisMin(low);
        chart.getStyler().setYAxisMax(high);
    }

    /**
     * An axis value {@code log10(ms)} as a latency to two significant digits: "0.1 ms", "32 ms",
     * "1 s", "3.2 s". Distinct ticks must get distinct labels: XChart widens the tick spacing until
     * they do, and would loop forever on a label that repeats.
     */
    static String msLabel(double logMs) {
        double ms = Math.pow(10, logMs);
        return ms >= 1000 ? significant(ms / 1000) + " s" : significant(ms) + " ms";
    }

    /**
     * An axis value {@code x = log10(1 / (1 - q))} as the percentile {@code q}: 0 → "0%", 1 → "90%",
     * 3 → "99.9%", 0.5 → "68%": the complement {@code 100 - q} to two significant digits, so that
     * every tick's label differs (see {@link #msLabel}).
     */
    static String percentileLabel(double x) {
        BigDecimal complement = new BigDecimal(100 * Math.pow(10, -x)).round(new MathContext(2));
        return BigDecimal.valueOf(100).subtract(complement).stripTrailingZeros().toPlainString() + "%";
    }

    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setLegendBorderColor(new Color(0xCCCCCC));
        chart.getStyler().setAntiAlias(true);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
