package dev.rnnkit.data.timeseries;

/**
 * One parsed CSV row of a time series.
 *
 * @param line       the 1-based line in its file; for a step inserted by {@code gaps: fill}, the line of the row after the gap
 * @param timestamp  the composed timestamp, or null when no timestamp columns are configured
 * @param numbers    target then covariate values; NaN marks a missing value
 * @param categories categorical values in configured order; null marks a missing value
 */
public record SeriesRow(long line, String timestamp, double[] numbers, String[] categories) {

    /** True when no value is missing. */
    public boolean complete() {
        for (double v : numbers) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        for (String c : categories) {
            if (c == null) {
                return false;
            }
        }
        return true;
    }
}
