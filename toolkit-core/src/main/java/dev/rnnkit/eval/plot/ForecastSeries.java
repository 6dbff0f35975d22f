package dev.rnnkit.eval.plot;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One target's actual and forecast values over time, ready to plot.
 *
 * @param target     target name (chart title and file-name suffix)
 * @param actual     observed values
 * @param predicted  forecast values, same length
 * @param timestamps one per value; {@code null} to plot against step indices 0, 1, 2...
 */
public record ForecastSeries(String target, List<Double> actual, List<Double> predicted, List<Instant> timestamps) {

    /** Checks the lengths agree and copies the lists. */
    public ForecastSeries {
        if (actual.size() != predicted.size()) {
            throw new IllegalArgumentException(target + ": " + actual.size() + " actual values but " + predicted.size() + " predicted");
        }
        if (actual.isEmpty()) {
            throw new IllegalArgumentException(target + ": nothing to plot");
        }
        if (timestamps != null && timestamps.size() != actual.size()) {
            throw new IllegalArgumentException(target + ": " + timestamps.size() + " timestamps for " + actual.size() + " values");
        }
        actual = List.copyOf(actual);
        predicted = List.copyOf(predicted);
        timestamps = timestamps == null ? null : List.copyOf(timestamps);
    }

    /** A series plotted against step indices. */
    public static ForecastSeries ofSteps(String target, double[] actual, double[] predicted) {
        return new ForecastSeries(target, Arrays.stream(actual).boxed().toList(),
                Arrays.stream(predicted).boxed().toList(), null);
    }
}
