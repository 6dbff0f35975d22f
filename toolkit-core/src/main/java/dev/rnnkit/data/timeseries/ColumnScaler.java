package dev.rnnkit.data.timeseries;

import dev.rnnkit.config.TimeSeriesDataConfig.Normalization;
import java.util.List;

/**
 * Scales one numeric column as {@code (x - offset) / scale}, fitted on the training split.
 *
 * @param column the column name
 * @param offset the mean (standard), the minimum (min_max) or 0 (none)
 * @param scale  the standard deviation, the range, or 1; never 0
 */
public record ColumnScaler(String column, double offset, double scale) {

    /** Fits column {@code j} of the rows, ignoring missing values. */
    public static ColumnScaler fit(String column, List<SeriesRow> rows, int j, Normalization normalization) {
        double sum = 0;
        double sumSq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (SeriesRow r : rows) {
            double v = r.numbers()[j];
            if (!Double.isNaN(v)) {
                sum += v;
                sumSq += v * v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        if (n == 0 || normalization == Normalization.NONE) {
            return new ColumnScaler(column, 0, 1);
        }
        if (normalization == Normalization.MIN_MAX) {
            return new ColumnScaler(column, min, max > min ? max - min : 1);
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return new ColumnScaler(column, mean, std > 0 ? std : 1);
    }

    /** The scaled value. */
    public double apply(double x) {
        return (x - offset) / scale;
    }

    /** The value in original units. */
    public double invert(double y) {
        return y * scale + offset;
    }
}
