package dev.rnnkit.eval;

import java.util.Arrays;

/**
 * The forecasts of one target variable with what the baselines and MASE need, all in original units.
 *
 * <p>Row {@code i} is one forecast origin: {@code actual[i][h]} and {@code predicted[i][h]} are the
 * value {@code h+1} steps after it, {@code recentHistory[i]} the observed values up to and including the
 * origin (only its last {@code season} values are read). The arrays are not copied.
 *
 * @param name           target name as reports print it
 * @param actual         {@code [origins][horizon]} observed values
 * @param predicted      {@code [origins][horizon]} model forecasts
 * @param recentHistory  {@code [origins][>= season]} observed values ending at each origin
 * @param trainingSeries the in-sample series; its seasonal-naive MAE scales MASE
 */
public record ForecastTarget(String name, double[][] actual, double[][] predicted, double[][] recentHistory,
                             double[] trainingSeries) {

    /**
     * Rolling-origin forecasts over a test series that continues the training series.
     *
     * <p>{@code predicted[i]} forecasts {@code test[i .. i+horizon-1]} from everything observed before
     * {@code test[i]}; there must be {@code test.length - horizon + 1} rows.
     *
     * @param season how many trailing values each history row keeps (the baselines' season m)
     */
    public static ForecastTarget rollingOrigin(String name, double[] train, double[] test, double[][] predicted, int season) {
        if (predicted.length == 0) {
            throw new IllegalArgumentException(name + ": no forecasts");
        }
        int horizon = predicted[0].length;
        int origins = test.length - horizon + 1;
        if (origins != predicted.length) {
            throw new IllegalArgumentException(name + ": a test series of " + test.length + " values with horizon " + horizon
                    + " gives " + Math.max(origins, 0) + " forecast origins, but predicted has " + predicted.length + " rows");
        }
        if (train.length < season) {
            throw new IllegalArgumentException(name + ": the training series has " + train.length + " values, season is " + season);
        }
        double[] all = new double[train.length + test.length];
        System.arraycopy(train, 0, all, 0, train.length);
        System.arraycopy(test, 0, all, train.length, test.length);
        double[][] actual = new double[origins][];
        double[][] history = new double[origins][];
        for (int i = 0; i < origins; i++) {
            int origin = train.length + i; // index of the first forecast value in `all`
            actual[i] = Arrays.copyOfRange(all, origin, origin + horizon);
            history[i] = Arrays.copyOfRange(all, origin - season, origin);
        }
        return new ForecastTarget(name, actual, predicted, history, train);
    }
}
