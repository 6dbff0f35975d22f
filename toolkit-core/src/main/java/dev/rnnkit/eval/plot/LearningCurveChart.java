package dev.rnnkit.eval.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training and validation loss per epoch, with the validation metric on a second axis at the right.
 */
public final class LearningCurveChart {

    private LearningCurveChart() {
    }

    /** Builds the chart; {@code metricName} labels the right axis (no metric series when every point lacks one). */
    public static XYChart chart(List<LearningCurvePoint> points, String metricName, ChartSize size) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no learning-curve points to plot");
        }
        ChartFiles.headless();
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height())
                .title("Learning curve").xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        addSeries(chart, "train loss", points, p -> p.trainLoss(), 0);
        addSeries(chart, "validation loss", points, LearningCurvePoint::validationLoss, 0);
        if (addSeries(chart, "validation " + metricName, points, LearningCurvePoint::validationMetric, 1)) {
            chart.setYAxisGroupTitle(1, metricName);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    /** Draws the chart into a PNG file. */
    public static Path write(List<LearningCurvePoint> points, String metricName, Path png, ChartSize size) {
        return ChartFiles.writePng(chart(points, metricName, size), png);
    }

    /** Draws the chart into a PNG file of the default size. */
    public static Path write(List<LearningCurvePoint> points, String metricName, Path png) {
        return write(points, metricName, png, ChartSize.DEFAULT);
    }

    private static boolean addSeries(XYChart chart, String name, List<LearningCurvePoint> points,
                                     Function<LearningCurvePoint, Double> value, int axisGroup) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (LearningCurvePoint p : points) {
            Double v = value.apply(p);
            if (v != null && Double.isFinite(v)) {
                x.add(p.epoch());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setYAxisGroup(axisGroup);
        return true;
    }
}
