package dev.rnnkit.eval.plot;

import dev.rnnkit.eval.ConfusionMatrix;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A confusion matrix as a heatmap with counts in the cells: predicted classes across, actual classes down.
 */
public final class ConfusionMatrixChart {

    private ConfusionMatrixChart() {
    }

    /** Builds the heatmap; the first class is the top row, as in the text table. */
    public static HeatMapChart chart(ConfusionMatrix matrix, ChartSize size) {
        ChartFiles.headless();
        HeatMapChart chart = new HeatMapChartBuilder().width(size.width()).height(size.height())
                .title("Confusion matrix").xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        // A palette light enough that the black counts stay readable in the darkest cell.
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(158, 202, 225), new Color(66, 146, 198)});
        chart.getStyler().setLegendVisible(false);
        int k = matrix.size();
        List<String> rowsBottomUp = new ArrayList<>(matrix.classNames());
        Collections.reverse(rowsBottomUp); // the heatmap's y index 0 is the bottom row
        List<Number[]> cells = new ArrayList<>(k * k);
        long max = 1;
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                long n = matrix.count(actual, predicted);
                max = Math.max(max, n);
                cells.add(new Number[] {predicted, k - 1 - actual, n});
            }
        }
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.addSeries("counts", matrix.classNames(), rowsBottomUp, cells);
        return chart;
    }

    /** Draws the heatmap into a PNG file. */
    public static Path write(ConfusionMatrix matrix, Path png, ChartSize size) {
        return ChartFiles.writePng(chart(matrix, size), png);
    }

    /** Draws the heatmap into a PNG file of the default size. */
    public static Path write(ConfusionMatrix matrix, Path png) {
        return write(matrix, png, ChartSize.DEFAULT);
    }
}
