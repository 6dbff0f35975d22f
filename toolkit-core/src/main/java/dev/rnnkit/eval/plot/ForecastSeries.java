package dev.rnnkit.eval.plot;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One target's forecasts at one horizon step over time, beside the actual values and the two baselines, ready to plot.
 *
 * @param target        target name (chart title and file-name suffix)
 * @param step          the horizon step plotted (1 = the first forecast step): value {@code i} is the forecast made
 *                      {@code step} steps before time {@code i}
 * @param actual        observed values
 * @param predicted     the model's forecasts, same length
 * @param persistence   the last observed value at each forecast origin, or null
 * @param seasonalNaive the value one season before, or null
 * @param timestamps    the time each value refers to; {@code null} to plot against step indices 0, 1, 2...
 * @param total         the values of the whole series, of which these are the last (a long series keeps only a tail)
 */
public record ForecastSeries(String target, int step, List<Double> actual, List<Double> predicted, List<Double> persistence,
                             List<Double> seasonalNaive, List<Instant> timestamps, long total) {

    /** Checks the lengths agree and copies the lists. */
    public ForecastSeries {
        if (actual.isEmpty()) {
            throw new IllegalArgumentException(target + ": nothing to plot");
        }
        if (total < actual.size()) {
            throw new IllegalArgumentException(target + ": " + actual.size() + " values of a series of " + total);
        }
        for (List<?> other : Arrays.asList(predicted, persistence, seasonalNaive, timestamps)) {
            if (other != null && other.size() != actual.size()) {
                throw new IllegalArgumentException(target + ": " + actual.size() + " actual values but a series of " + other.size());
            }
        }
        if (predicted == null) {
            throw new IllegalArgumentException(target + ": no forecasts");
        }
        actual = List.copyOf(actual);
        predicted = List.copyOf(predicted);
        persistence = persistence == null ? null : List.copyOf(persistence);
        seasonalNaive = seasonalNaive == null ? null : List.copyOf(seasonalNaive);
        timestamps = timestamps == null ? null : List.copyOf(timestamps);
    }

    /** A whole series: {@code total} is the number of values. */
    public ForecastSeries(String target, int step, List<Double> actual, List<Double> predicted, List<Double> persistence,
                          List<Double> seasonalNaive, List<Instant> timestamps) {
        this(target, step, actual, predicted, persistence, seasonalNaive, timestamps, actual.size());
    }

    /** Forecasts against actual values only, at step 1, plotted against step indices. */
    public static ForecastSeries ofSteps(String target, double[] actual, double[] predicted) {
        return new ForecastSeries(target, 1, Arrays.stream(actual).boxed().toList(),
                Arrays.stream(predicted).boxed().toList(), null, null, null);
    }
}
