package dev.rnnkit.eval.plot;

import dev.rnnkit.eval.ErrorScores;
import dev.rnnkit.eval.ForecastComparison;
import dev.rnnkit.eval.TargetForecastReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A target's MAE at each horizon step for the model and both baselines: where the forecast gains or loses. */
public final class StepErrorChart {

    private StepErrorChart() {
    }

    /** Builds the chart of one target's per-step MAE. */
    public static XYChart chart(TargetForecastReport report, int season, ChartSize size) {
        ChartFiles.headless();
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height())
                .title(report.target() + ": error by horizon step").xAxisTitle("steps ahead").yAxisTitle("MAE").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        add(chart, "model", report.byStep(), ForecastComparison::model);
        add(chart, "persistence", report.byStep(), ForecastComparison::persistence);
        add(chart, "seasonal naive (m=" + season + ")", report.byStep(), ForecastComparison::seasonalNaive);
        return chart;
    }

    /** Draws one PNG per target, {@code <prefix>-<target>.png}; returns the files written. */
    public static List<Path> writeAll(List<TargetForecastReport> reports, int season, Path directory, String prefix) {
        List<Path> files = new ArrayList<>();
        for (TargetForecastReport r : reports) {
            if (!r.byStep().isEmpty()) {
                files.add(ChartFiles.writePng(chart(r, season, ChartSize.DEFAULT),
                        directory.resolve(prefix + "-" + ChartFiles.safeName(r.target()) + ".png")));
            }
        }
        return files;
    }

    private static void add(XYChart chart, String name, List<ForecastComparison> steps, Function<ForecastComparison, ErrorScores> who) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int h = 0; h < steps.size(); h++) {
            x.add(h + 1);
            y.add(who.apply(steps.get(h)).mae());
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(steps.size() <= 48 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
}
