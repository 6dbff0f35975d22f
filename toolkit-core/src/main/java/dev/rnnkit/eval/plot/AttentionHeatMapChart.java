package dev.rnnkit.eval.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A translation model's attention weights as a heatmap: source tokens across, output tokens down.
 *
 * <p>{@code weights[i][j]} is the weight that output token {@code i} puts on source token {@code j};
 * each row sums to about 1. The colour scale is fixed to 0..1 so that charts of different sentences
 * compare directly. The image grows with the sentence lengths, about {@value #CELL_PX} pixels a cell,
 * so that long sentences keep readable labels.
 */
public final class AttentionHeatMapChart {

    /** Pixels per cell along either axis, before clamping the image size. */
    static final int CELL_PX = 40;
    /** Smallest image side in pixels. */
    static final int MIN_PX = 400;
    /** Largest image side in pixels. */
    static final int MAX_PX = 2000;
    /** Above this many tokens on either axis the cell values are hidden and the colour legend shown. */
    static final int MAX_TOKENS_WITH_VALUES = 15;

    /** Colour of weight 0, near white. */
    static final Color ZERO_COLOR = new Color(247, 251, 255);
    /** Colour of weight 1: a blue no darker than this keeps the black cell values readable. */
    static final Color ONE_COLOR = new Color(49, 130, 189);
    private static final Color[] RANGE = {ZERO_COLOR, new Color(198, 219, 239), new Color(107, 174, 214), ONE_COLOR};

    private static final int SIDE_MARGIN_PX = 200; // y-axis labels and title, plot padding
    private static final int LEGEND_PX = 100;
    private static final int VERTICAL_MARGIN_PX = 160; // chart title, x-axis labels and title
    private static final int ROTATE_LABELS_ABOVE_CHARS = 5; // longer source tokens would overlap at CELL_PX
    private static final String INVISIBLE_SUFFIX = "\u200B"; // zero-width space

    private AttentionHeatMapChart() {
    }

    /**
     * Builds the heatmap; the first output token is the top row and the first source token the left column.
     *
     * @param sourceTokens the source sentence, across; tokens may repeat
     * @param outputTokens the generated sentence, down; tokens may repeat
     * @param weights      {@code outputTokens.size()} rows of {@code sourceTokens.size()} weights in 0..1
     * @param title        the chart title
     * @return the chart, sized for the token counts
     * @throws IllegalArgumentException if a token list is empty or {@code weights} has another shape
     */
    public static HeatMapChart chart(List<String> sourceTokens, List<String> outputTokens, double[][] weights, String title) {
        checkShape(sourceTokens, outputTokens, weights);
        ChartFiles.headless();
        int sources = sourceTokens.size();
        int outputs = outputTokens.size();
        boolean showValues = sources <= MAX_TOKENS_WITH_VALUES && outputs <= MAX_TOKENS_WITH_VALUES;
        boolean rotate = sourceTokens.stream().anyMatch(t -> t.length() > ROTATE_LABELS_ABOVE_CHARS);
        int width = clamp(SIDE_MARGIN_PX + CELL_PX * sources + (showValues ? 0 : LEGEND_PX));
        int height = clamp(VERTICAL_MARGIN_PX + CELL_PX * outputs + (rotate ? 60 : 0));
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title(title).xAxisTitle("source").yAxisTitle("output").build();
        chart.getStyler().setRangeColors(RANGE);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setShowValue(showValues);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        // The theme's value font leaves "0.00" almost touching the edges of a 40 px cell.
        chart.getStyler().setValueFont(chart.getStyler().getValueFont().deriveFont(11f));
        // With values in the cells the legend adds nothing; without them it is the only scale.
        chart.getStyler().setLegendVisible(!showValues);
        if (rotate) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        List<String> rowsBottomUp = distinct(outputTokens);
        Collections.reverse(rowsBottomUp); // the heatmap's y index 0 is the bottom row
        List<Number[]> cells = new ArrayList<>(sources * outputs);
        for (int out = 0; out < outputs; out++) {
            for (int src = 0; src < sources; src++) {
                cells.add(new Number[] {src, outputs - 1 - out, weights[out][src]});
            }
        }
        chart.addSeries("attention", distinct(sourceTokens), rowsBottomUp, cells);
        return chart;
    }

    /**
     * Draws the heatmap into a PNG file, replacing it atomically.
     *
     * @return {@code png}
     * @throws IllegalArgumentException if a token list is empty or {@code weights} has another shape
     * @see #chart(List, List, double[][], String)
     */
    public static Path write(List<String> sourceTokens, List<String> outputTokens, double[][] weights, String title, Path png) {
        return ChartFiles.writePng(chart(sourceTokens, outputTokens, weights, title), png);
    }

    private static void checkShape(List<String> sourceTokens, List<String> outputTokens, double[][] weights) {
        if (sourceTokens.isEmpty() || outputTokens.isEmpty()) {
            throw new IllegalArgumentException("attention heatmap needs at least one source and one output token, got "
                    + sourceTokens.size() + " source and " + outputTokens.size() + " output tokens");
        }
        String expected = "expected " + outputTokens.size() + " rows (output tokens) of " + sourceTokens.size()
                + " columns (source tokens)";
        if (weights.length != outputTokens.size()) {
            throw new IllegalArgumentException("attention weights: " + expected + ", got " + weights.length + " rows");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == null || weights[i].length != sourceTokens.size()) {
                throw new IllegalArgumentException("attention weights: " + expected + ", got row " + i + " with "
                        + (weights[i] == null ? "no" : String.valueOf(weights[i].length)) + " columns");
            }
        }
    }

    /**
     * The labels with repeats made distinct by trailing zero-width spaces, which draw nothing.
     * XChart 3.8.8 places heatmap cells by index, so repeats draw correctly as they are; distinct labels keep it
     * so should a version look categories up by value, as its category charts do.
     */
    static List<String> distinct(List<String> tokens) {
        Set<String> seen = new HashSet<>();
        List<String> labels = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            String label = token;
            while (!seen.add(label)) {
                label += INVISIBLE_SUFFIX;
            }
            labels.add(label);
        }
        return labels;
    }

    private static int clamp(int px) {
        return Math.max(MIN_PX, Math.min(MAX_PX, px));
    }
}
