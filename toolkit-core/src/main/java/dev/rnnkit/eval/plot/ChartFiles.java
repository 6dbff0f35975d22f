package dev.rnnkit.eval.plot;

import dev.rnnkit.eval.AtomicFiles;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes XChart charts as PNG files, headless and atomically.
 */
public final class ChartFiles {

    private ChartFiles() {
    }

    /**
     * Makes AWT headless before any chart touches it, so plotting works on servers and in CI.
     * Chart builders call this first; calling it again is harmless.
     */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Encodes the chart as PNG and replaces {@code file} with it. */
    public static Path writePng(Chart<?, ?> chart, Path file) {
        headless();
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    /** A file-name-safe form of a label: letters, digits, dot, dash and underscore kept, the rest {@code _}. */
    public static String safeName(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "_" : s;
    }
}
