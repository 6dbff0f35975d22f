package dev.rnnkit.eval.plot;

/**
 * Pixel size of a chart image.
 *
 * @param width  image width in pixels
 * @param height image height in pixels
 */
public record ChartSize(int width, int height) {

    /** The size used when the caller gives none. */
    public static final ChartSize DEFAULT = new ChartSize(900, 560);

    /** Rejects sizes too small to draw axes in. */
    public ChartSize {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("chart size must be at least 100x100 pixels, got " + width + "x" + height);
        }
    }
}
