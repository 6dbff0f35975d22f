package dev.rnnkit.eval.plot;

import java.awt.Color;
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
 * Forecasts at one horizon step against the actual values and both baselines, one chart per target and step;
 * dates on the x axis (in UTC) when the series has timestamps.
 */
public final class ForecastChart {

    /** The most values one chart shows (the last ones): more hourly values than this blur into a band. */
    public static final int MAX_POINTS = 500;

    private ForecastChart() {
    }

    /** Builds the chart of one target at one step (its last {@link #MAX_POINTS} values), x axis in dates when it has them. */
    public static XYChart chart(ForecastSeries all, ChartSize size) {
        ChartFiles.headless();
        ForecastSeries series = last(all, MAX_POINTS);
        String shown = series.actual().size() < all.total() ? " (last " + series.actual().size() + " of " + all.total() + ")" : "";
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height())
                .title(series.target() + ": forecast " + series.step() + (series.step() == 1 ? " step" : " steps") + " ahead vs actual" + shown)
                .xAxisTitle(series.timestamps() == null ? "window" : "time forecast (UTC)").yAxisTitle(series.target()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<?> x = xValues(series);
        // Baselines thin and pale behind, actual in black, the model in a strong colour on top.
        if (series.seasonalNaive() != null) {
            line(chart.addSeries("seasonal naive", x, series.seasonalNaive()), new Color(140, 200, 140), 1f);
        }
        if (series.persistence() != null) {
            line(chart.addSeries("persistence", x, series.persistence()), new Color(170, 170, 170), 1f);
        }
        line(chart.addSeries("actual", x, series.actual()), Color.BLACK, 1.2f);
        line(chart.addSeries("model", x, series.predicted()), new Color(220, 80, 20), 1.6f);
        if (series.timestamps() != null) {
            chart.getStyler().setDatePattern("yyyy-MM-dd");
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
     * Draws one PNG per series into {@code directory}, named {@code <prefix>-<target>-step<N>.png}.
     *
     * @return the files written, in input order
     */
    public static List<Path> writeAll(List<ForecastSeries> series, Path directory, String prefix, ChartSize size) {
        List<Path> files = new ArrayList<>(series.size());
        for (ForecastSeries s : series) {
            files.add(write(s, directory.resolve(prefix + "-" + ChartFiles.safeName(s.target()) + "-step" + s.step() + ".png"), size));
        }
        return files;
    }

    private static ForecastSeries last(ForecastSeries s, int n) {
        int size = s.actual().size();
        if (size <= n) {
            return s;
        }
        int from = size - n;
        return new ForecastSeries(s.target(), s.step(), s.actual().subList(from, size), s.predicted().subList(from, size),
                s.persistence() == null ? null : s.persistence().subList(from, size),
                s.seasonalNaive() == null ? null : s.seasonalNaive().subList(from, size),
                s.timestamps() == null ? null : s.timestamps().subList(from, size), s.total());
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

    private static void line(XYSeries s, Color color, float width) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
    }
}
