package dev.rnnkit.eval.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.eval.ClassificationMetrics;
import dev.rnnkit.eval.ConfusionMatrix;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    /** Reads the file back as a PNG of the given size that is not blank. */
    private static void assertPng(Path file, int width, int height) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8), file + " starts with the PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "a drawn chart has more than a few colours, got " + colours.size());
    }

    @Test
    void learningCurveIsWritten() throws Exception {
        List<LearningCurvePoint> points = new ArrayList<>();
        for (int e = 1; e <= 12; e++) {
            points.add(new LearningCurvePoint(e, 2.0 / e, e % 4 == 0 ? null : 2.3 / e + 0.1, 0.5 + 0.03 * e));
        }
        Path png = LearningCurveChart.write(points, "accuracy", dir.resolve("curve.png"), new ChartSize(800, 500));
        assertPng(png, 800, 500);
    }

    @Test
    void confusionMatrixHeatmapIsWritten() throws Exception {
        ConfusionMatrix cm = ClassificationMetrics.evaluate(new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2},
                new int[] {0, 0, 1, 2, 1, 1, 0, 2, 2, 1}, List.of("cat", "dog", "bird")).confusionMatrix();
        Path png = ConfusionMatrixChart.write(cm, dir.resolve("sub").resolve("confusion.png"));
        assertPng(png, ChartSize.DEFAULT.width(), ChartSize.DEFAULT.height());
    }

    @Test
    void forecastChartsOnePerTarget() throws Exception {
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        List<Instant> times = new ArrayList<>();
        double[] actual = new double[48];
        double[] predicted = new double[48];
        for (int i = 0; i < 48; i++) {
            times.add(start.plus(i, ChronoUnit.HOURS));
            actual[i] = 10 + 5 * Math.sin(i * Math.PI / 12);
            predicted[i] = 10 + 4.5 * Math.sin((i - 1) * Math.PI / 12);
        }
        List<Double> flat = Arrays.stream(actual).map(v -> 10.0).boxed().toList();
        ForecastSeries byTime = new ForecastSeries("load MW", 24, Arrays.stream(actual).boxed().toList(),
                Arrays.stream(predicted).boxed().toList(), flat, flat, times);
        ForecastSeries bySteps = ForecastSeries.ofSteps("temperature", predicted, actual);
        List<Path> files = ForecastChart.writeAll(List.of(byTime, bySteps), dir, "forecast", new ChartSize(640, 400));
        assertEquals(List.of(dir.resolve("forecast-load_MW-step24.png"), dir.resolve("forecast-temperature-step1.png")), files);
        assertEquals(4, ForecastChart.chart(byTime, ChartSize.DEFAULT).getSeriesMap().size(), "actual, model and both baselines");
        assertEquals(java.util.Set.of("actual", "model"), ForecastChart.chart(bySteps, ChartSize.DEFAULT).getSeriesMap().keySet());
        for (Path f : files) {
            assertPng(f, 640, 400);
        }
    }

    @Test
    void badChartInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ForecastSeries("load", 1, List.of(1.0), List.of(1.0, 2.0), null, null, null));
        assertEquals("load: 1 actual values but a series of 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ChartSize(10, 500));
        assertEquals("chart size must be at least 100x100 pixels, got 10x500", e.getMessage());
    }
}
