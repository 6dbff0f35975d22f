package dev.rnnkit.runs;

import dev.rnnkit.eval.plot.ChartFiles;
import dev.rnnkit.eval.plot.ChartSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The leaderboard's metric against one varied setting, one point per run: numbers on a numeric axis (logarithmic
 * when they span two decades or more, as learning rates do), other values as categories in the order first seen.
 */
public final class LeaderboardChart {

    private LeaderboardChart() {
    }

    /** Builds the chart of {@code parameter}; null when no run has both a value of it and a metric. */
    public static XYChart chart(Leaderboard board, String parameter, ChartSize size) {
        List<Leaderboard.Row> rows = board.rows().stream()
                .filter(r -> r.value() != null && !r.value().isNaN() && r.values().get(parameter) != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        ChartFiles.headless();
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height())
                .title(board.metricTitle() + " by " + parameter).xAxisTitle(parameter).yAxisTitle(board.metric()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(9);
        boolean numeric = rows.stream().allMatch(r -> number(r.values().get(parameter)) != null);
        Map<String, Integer> categories = new LinkedHashMap<>();
        List<Double> x = new ArrayList<>();
        for (Leaderboard.Row r : rows) {
            String v = r.values().get(parameter);
            x.add(numeric ? number(v) : categories.computeIfAbsent(v, k -> categories.size()).doubleValue());
        }
        if (numeric) {
            double min = x.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = x.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            chart.getStyler().setXAxisLogarithmic(min > 0 && max / min >= 100);
        } else {
            List<String> names = List.copyOf(categories.keySet());
            // No axis range of our own: XChart 3.8.8 drops custom tick labels when one is set.
            chart.setCustomXAxisTickLabelsFormatter(d -> {
                long i = Math.round(d);
                // A blank, not an empty string: XChart sizes the axis from the labels of its end ticks.
                return Math.abs(d - i) < 1e-9 && i >= 0 && i < names.size() ? names.get((int) i) : " ";
            });
        }
        // The best run as its own series, so that it stands out in the legend and the plot.
        List<Double> bestX = new ArrayList<>();
        List<Double> bestY = new ArrayList<>();
        List<Double> otherX = new ArrayList<>();
        List<Double> otherY = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            boolean best = rows.get(i).rank() == 1;
            (best ? bestX : otherX).add(x.get(i));
            (best ? bestY : otherY).add(rows.get(i).value());
        }
        if (!otherX.isEmpty()) {
            XYSeries s = chart.addSeries("trials", otherX, otherY);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (!bestX.isEmpty()) {
            XYSeries s = chart.addSeries("best", bestX, bestY);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }

    /**
     * Writes {@code <dir>/<prefix>-<parameter>.png} for every varied setting that has values; returns the files.
     */
    public static List<Path> writeAll(Leaderboard board, Path dir, String prefix) {
        List<Path> files = new ArrayList<>();
        for (String p : board.parameters()) {
            XYChart chart = chart(board, p, ChartSize.DEFAULT);
            if (chart != null) {
                files.add(ChartFiles.writePng(chart, dir.resolve(prefix + "-" + fileName(p) + ".png")));
            }
        }
        return files;
    }

    /** A key as a file name: {@code encoder[0].cell_type} becomes {@code encoder-0-cell_type}. */
    static String fileName(String key) {
        return ChartFiles.safeName(key.replace("[", "-").replace("]", "").replace('.', '-'));
    }

    private static Double number(String v) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
