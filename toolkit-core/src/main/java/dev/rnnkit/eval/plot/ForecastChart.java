package dev.rnnkit.eval.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Forecast against actual values as two lines, one chart per target; timestamps are labelled in UTC.
 */
public final class ForecastChart {

    private ForecastChart() {
    }

    /** Builds the chart of one target, x axis in timestamps when the series has them, else step indices. */
    public static XYChart chart(ForecastSeries series, ChartSize size) {
        ChartFiles.headless();
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height())
                .title(series.target() + ": forecast vs actual")
                .xAxisTitle(series.timestamps() == null ? "step" : "time").yAxisTitle(series.target()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<?> x = xValues(series);
        line(chart.addSeries("actual", x, series.actual()));
        line(chart.addSeries("forecast", x, series.predicted()));
        if (series.timestamps() != null) {
            chart.getStyler().setDatePattern("yyyy-MM-dd HH:mm");
            // Instants are absolute; label them in UTC so a chart does not depend on the machine's zone.
            chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
            chart.getStyler().setXAxisLabelRotation(30);
        }
        return chart;
    }

    /** Draws one target into a PNG file. */
    public static Path write(ForecastSeries series, Path png, ChartSize size) {
        return ChartFiles.writePng(chart(series, size), png);
    }

    /**
     * Draws one PNG per target into {@code directory}, named {@code <prefix>-<target>.png}.
     *
     * @return the files written, in input order
     */
    public static List<Path> writeAll(List<ForecastSeries> targets, Path directory, String prefix, ChartSize size) {
        List<Path> files = new ArrayList<>(targets.size());
        for (ForecastSeries s : targets) {
            files.add(write(s, directory.resolve(prefix + "-" + ChartFiles.safeName(s.target()) + ".png"), size));
        }
        return files;
    }

    private static List<?> xValues(ForecastSeries series) {
        if (series.timestamps() != null) {
            return series.timestamps().stream().map(Date::from).toList();
        }
        List<Integer> steps = new ArrayList<>(series.actual().size());
        for (int i = 0; i < series.actual().size(); i++) {
            steps.add(i);
        }
        return steps;
    }

    private static void line(XYSeries s) {
        s.setMarker(SeriesMarkers.NONE);
    }
}
