package dev.rnnkit.eval.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;

class AttentionHeatMapChartTest {

    private static final List<String> SOURCE = List.of("le", "chat", "noir");
    private static final List<String> OUTPUT = List.of("the", "cat");
    private static final double[][] WEIGHTS = {{1, 0, 0}, {0, 0.5, 0.5}};

    @TempDir
    Path dir;

    @Test
    void writesReadablePng() throws Exception {
        Path png = AttentionHeatMapChart.write(SOURCE, OUTPUT, WEIGHTS, "attention", dir.resolve("sub").resolve("a.png"));
        assertTrue(Files.isRegularFile(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads the file back");
        assertTrue(image.getWidth() >= AttentionHeatMapChart.MIN_PX && image.getHeight() >= AttentionHeatMapChart.MIN_PX);
    }

    /**
     * Splits the cell area into 3 columns and 2 rows and checks each cell's shade: weight 1 top-left, 0.5 bottom
     * right. Transposed or upside-down drawing puts other shades at these places.
     */
    @Test
    void firstOutputIsTopRowAndSourcesRunAcross() {
        BufferedImage image = BitmapEncoder.getBufferedImage(AttentionHeatMapChart.chart(SOURCE, OUTPUT, WEIGHTS, "t"));
        int[] box = cellArea(image);
        double cellW = (box[2] - box[0] + 1) / 3.0;
        double cellH = (box[3] - box[1] + 1) / 2.0;
        int[][] shade = new int[2][3];
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 3; col++) {
                // A quarter in from the corner: the cell's centre holds its black value text.
                int x = (int) (box[0] + cellW * (col + 0.25));
                int y = (int) (box[1] + cellH * (row + 0.25));
                shade[row][col] = rgbSum(image.getRGB(x, y));
            }
        }
        assertEquals(rgbSum(AttentionHeatMapChart.ONE_COLOR.getRGB()), shade[0][0], "weight 1 at top left");
        int zero = rgbSum(AttentionHeatMapChart.ZERO_COLOR.getRGB());
        assertEquals(zero, shade[0][1]);
        assertEquals(zero, shade[0][2]);
        assertEquals(zero, shade[1][0], "weight 0 at bottom left");
        assertTrue(shade[0][0] < shade[1][1] - 50, "weight 1 clearly darker than 0.5");
        assertTrue(shade[1][1] < zero - 50, "weight 0.5 clearly darker than 0");
        assertEquals(shade[1][1], shade[1][2]);
    }

    @Test
    void repeatedTokensGetTheirOwnCells() {
        List<String> source = List.of("a", "b", "a");
        List<String> output = List.of("x", "x");
        double[][] weights = {{0, 0, 1}, {1, 0, 0}};
        HeatMapChart chart = AttentionHeatMapChart.chart(source, output, weights, "repeats");
        List<?> xs = chart.getHeatMapSeries().getXData();
        List<?> ys = chart.getHeatMapSeries().getYData();
        assertEquals(3, new HashSet<>(xs).size(), "distinct column labels: " + xs);
        assertEquals(2, new HashSet<>(ys).size(), "distinct row labels: " + ys);
        List<String> shown = new ArrayList<>();
        xs.forEach(x -> shown.add(x.toString().replace("\u200B", "")));
        assertEquals(source, shown, "labels read as the tokens");

        // The repeated source token's column is drawn: top right and bottom left are dark.
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        int[] box = cellArea(image);
        double cellW = (box[2] - box[0] + 1) / 3.0;
        double cellH = (box[3] - box[1] + 1) / 2.0;
        int one = AttentionHeatMapChart.ONE_COLOR.getRGB();
        int zero = AttentionHeatMapChart.ZERO_COLOR.getRGB();
        assertEquals(one, image.getRGB((int) (box[0] + cellW * 2.25), (int) (box[1] + cellH * 0.25)) | 0xFF000000);
        assertEquals(one, image.getRGB((int) (box[0] + cellW * 0.25), (int) (box[1] + cellH * 1.25)) | 0xFF000000);
        assertEquals(zero, image.getRGB((int) (box[0] + cellW * 0.25), (int) (box[1] + cellH * 0.25)) | 0xFF000000);
    }

    @Test
    void wrongShapesNameTheSizes() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> AttentionHeatMapChart.chart(SOURCE, OUTPUT, new double[][] {{1, 0, 0}}, "t"));
        assertTrue(rows.getMessage().contains("2 rows") && rows.getMessage().contains("3 columns")
                && rows.getMessage().contains("got 1 rows"), rows.getMessage());
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> AttentionHeatMapChart.write(SOURCE, OUTPUT, new double[][] {{1, 0, 0}, {0.5, 0.5}}, "t",
                        dir.resolve("never.png")));
        assertTrue(cols.getMessage().contains("3 columns") && cols.getMessage().contains("row 1 with 2 columns"),
                cols.getMessage());
        assertTrue(Files.notExists(dir.resolve("never.png")));
        assertThrows(IllegalArgumentException.class, () -> AttentionHeatMapChart.chart(List.of(), OUTPUT, new double[2][0], "t"));
    }

    @Test
    void widthGrowsWithSourceTokens() {
        int narrow = AttentionHeatMapChart.chart(tokens(6), OUTPUT, uniform(2, 6), "t").getWidth();
        int wide = AttentionHeatMapChart.chart(tokens(20), OUTPUT, uniform(2, 20), "t").getWidth();
        int huge = AttentionHeatMapChart.chart(tokens(200), OUTPUT, uniform(2, 200), "t").getWidth();
        assertTrue(wide > narrow, narrow + " -> " + wide);
        assertTrue(wide >= 20 * AttentionHeatMapChart.CELL_PX, "about " + AttentionHeatMapChart.CELL_PX + " px a cell: " + wide);
        assertEquals(AttentionHeatMapChart.MAX_PX, huge);
        assertEquals(AttentionHeatMapChart.MIN_PX, AttentionHeatMapChart.chart(tokens(1), List.of("x"), uniform(1, 1), "t").getWidth());
    }

    /** The bounding box {minX, minY, maxX, maxY} of the pixels painted exactly in the weight-0 or weight-1 colour. */
    private static int[] cellArea(BufferedImage image) {
        int zero = AttentionHeatMapChart.ZERO_COLOR.getRGB();
        int one = AttentionHeatMapChart.ONE_COLOR.getRGB();
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) | 0xFF000000;
                if (rgb == zero || rgb == one) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        assertTrue(box[2] - box[0] > 50 && box[3] - box[1] > 50, "cells found: " + Arrays.toString(box));
        return box;
    }

    private static int rgbSum(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() + c.getGreen() + c.getBlue();
    }

    private static List<String> tokens(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("w" + i);
        }
        return t;
    }

    private static double[][] uniform(int rows, int cols) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            Arrays.fill(row, 1.0 / cols);
        }
        return w;
    }
}
