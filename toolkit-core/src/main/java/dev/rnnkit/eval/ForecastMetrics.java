package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores multi-step, multi-target forecasts and the persistence and seasonal-naive baselines.
 *
 * <p>The caller passes values in original units (inverse-transformed). MASE divides by the MAE of the
 * seasonal-naive forecast {@code y[t-m]} over the training series (m = 1: the naive forecast
 * {@code y[t-1]}), the scaling of Hyndman and Koehler (2006).
 */
public final class ForecastMetrics {

    private ForecastMetrics() {
    }

    /**
     * Scores every target with season {@code m} for the seasonal-naive baseline and the MASE scale.
     *
     * @throws IllegalArgumentException naming the target and row when shapes disagree or data is missing
     */
    public static ForecastReport evaluate(List<ForecastTarget> targets, int season) {
        return evaluate(targets, season, null);
    }

    /**
     * Scores every target with given MASE scales (one per target, e.g. computed on the training series at
     * training time and stored with the model); {@code null} computes them from each target's training series.
     */
    public static ForecastReport evaluate(List<ForecastTarget> targets, int season, double[] maseScales) {
        return evaluate(targets, season, maseScales, null);
    }

    /**
     * Scores every target; {@code stds} are the targets' standard deviations over the training split, for scores on
     * the standardised scale ({@code null}: from each target's training series, or none when it has no values).
     */
    public static ForecastReport evaluate(List<ForecastTarget> targets, int season, double[] maseScales, double[] stds) {
        if (stds != null && stds.length != targets.size()) {
            throw new IllegalArgumentException(stds.length + " standard deviations for " + targets.size() + " targets");
        }
        if (maseScales != null && maseScales.length != targets.size()) {
            throw new IllegalArgumentException(maseScales.length + " MASE scales for " + targets.size() + " targets");
        }
        if (season < 1) {
            throw new IllegalArgumentException("season must be at least 1, got " + season);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no forecast targets");
        }
        int horizon = targets.get(0).actual().length == 0 ? 0 : targets.get(0).actual()[0].length;
        if (horizon == 0) {
            throw new IllegalArgumentException(targets.get(0).name() + ": forecasts have no steps (horizon 0)");
        }
        double[] scales = new double[targets.size()];
        double[] deviations = new double[targets.size()];
        for (int ti = 0; ti < targets.size(); ti++) {
            ForecastTarget t = targets.get(ti);
            check(t, horizon, season);
            scales[ti] = maseScales != null ? maseScales[ti] : inSampleSeasonalMae(t.trainingSeries(), season);
            deviations[ti] = stds != null ? stds[ti] : standardDeviation(t.trainingSeries());
        }
        Accumulator acc = new Accumulator(targets.stream().map(ForecastTarget::name).toList(), horizon, season, scales, deviations);
        for (int ti = 0; ti < targets.size(); ti++) {
            ForecastTarget t = targets.get(ti);
            for (int i = 0; i < t.actual().length; i++) {
                acc.add(ti, t.actual()[i], t.predicted()[i], t.recentHistory()[i]);
            }
        }
        return acc.report();
    }

    /**
     * Scores forecasts added one origin at a time, keeping sums only, so that a series of any length is scored in
     * the same memory; {@link #evaluate} adds every origin of its targets to one.
     *
     * <p>Sums are kept per target, per target and step, and over all targets, for the model and both baselines; the
     * overall sums follow the order origins are added in.
     */
    public static final class Accumulator {
        private final List<String> names;
        private final int horizon;
        private final int season;
        private final double[] scales;
        private final double[] stds;
        private final ErrorScores.Accumulator[] overall = newAccumulators();
        private final ErrorScores.Accumulator[][] byTarget;
        private final ErrorScores.Accumulator[][][] byStep;

        /**
         * An empty accumulator.
         *
         * @param names  the targets' names, in report order
         * @param scales per target, the MASE denominator (0: no MASE)
         * @param stds   per target, the training standard deviation (0: no standardised scores)
         */
        public Accumulator(List<String> names, int horizon, int season, double[] scales, double[] stds) {
            if (scales.length != names.size() || stds.length != names.size()) {
                throw new IllegalArgumentException(scales.length + " MASE scales and " + stds.length + " standard deviations for "
                        + names.size() + " targets");
            }
            this.names = List.copyOf(names);
            this.horizon = horizon;
            this.season = season;
            this.scales = scales.clone();
            this.stds = stds.clone();
            byTarget = new ErrorScores.Accumulator[names.size()][];
            byStep = new ErrorScores.Accumulator[names.size()][horizon][];
            for (int k = 0; k < names.size(); k++) {
                byTarget[k] = newAccumulators();
                for (int h = 0; h < horizon; h++) {
                    byStep[k][h] = newAccumulators();
                }
            }
        }

        /**
         * Adds one forecast origin of target {@code k}: its {@code horizon} actual and predicted values and the observed
         * values up to it (at least {@code season}), in original units.
         */
        public void add(int k, double[] actual, double[] predicted, double[] history) {
            if (actual.length != horizon || predicted.length != horizon || history.length < season) {
                throw new IllegalArgumentException(names.get(k) + ": " + actual.length + " actual, " + predicted.length
                        + " predicted and " + history.length + " history values; expected horizon " + horizon + " and season " + season);
            }
            double last = history[history.length - 1];
            for (int h = 0; h < horizon; h++) {
                double a = actual[h];
                // Step h+1 repeats the last observed season: y[T + h+1 - m*(floor(h/m)+1)].
                double seasonal = history[history.length - season + h % season];
                double[] forecasts = {predicted[h], last, seasonal};
                for (int f = 0; f < forecasts.length; f++) {
                    byTarget[k][f].add(a, forecasts[f], scales[k], stds[k]);
                    overall[f].add(a, forecasts[f], scales[k], stds[k]);
                    byStep[k][h][f].add(a, forecasts[f], scales[k], stds[k]);
                }
            }
        }

        /**
         * The report of everything added.
         *
         * @throws IllegalStateException when a target has no forecasts
         */
        public ForecastReport report() {
            List<TargetForecastReport> reports = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                List<ForecastComparison> steps = new ArrayList<>(horizon);
                for (ErrorScores.Accumulator[] step : byStep[k]) {
                    steps.add(comparison(step));
                }
                List<Double> maeByStep = steps.stream().map(c -> c.model().mae()).toList();
                reports.add(new TargetForecastReport(names.get(k), scales[k], comparison(byTarget[k]), maeByStep, steps));
            }
            return new ForecastReport(horizon, season, reports, comparison(overall));
        }
    }

    /** The population standard deviation of a series; 0 when it has no values. */
    public static double standardDeviation(double[] series) {
        if (series.length == 0) {
            return 0;
        }
        double mean = java.util.Arrays.stream(series).average().orElse(0);
        double ss = 0;
        for (double v : series) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / series.length);
    }

    /** Mean of {@code |y[t] - y[t-m]|} over the series: the seasonal-naive in-sample MAE. */
    public static double inSampleSeasonalMae(double[] series, int season) {
        if (series.length <= season) {
            throw new IllegalArgumentException("the training series needs more than " + season + " values for MASE, it has " + series.length);
        }
        double sum = 0;
        for (int t = season; t < series.length; t++) {
            sum += Math.abs(series[t] - series[t - season]);
        }
        return sum / (series.length - season);
    }

    private static ErrorScores.Accumulator[] newAccumulators() {
        return new ErrorScores.Accumulator[] {new ErrorScores.Accumulator(), new ErrorScores.Accumulator(), new ErrorScores.Accumulator()};
    }

    private static ForecastComparison comparison(ErrorScores.Accumulator[] acc) {
        return new ForecastComparison(acc[0].scores(), acc[1].scores(), acc[2].scores());
    }

    private static void check(ForecastTarget t, int horizon, int season) {
        String name = t.name();
        int n = t.actual().length;
        if (n == 0) {
            throw new IllegalArgumentException(name + ": no forecast origins");
        }
        if (t.predicted().length != n || t.recentHistory().length != n) {
            throw new IllegalArgumentException(name + ": actual has " + n + " rows, predicted " + t.predicted().length
                    + ", recent_history " + t.recentHistory().length + "; they must match");
        }
        for (int i = 0; i < n; i++) {
            if (t.actual()[i].length != horizon || t.predicted()[i].length != horizon) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + t.actual()[i].length + " actual and "
                        + t.predicted()[i].length + " predicted values, expected horizon " + horizon);
            }
            if (t.recentHistory()[i].length < season) {
                throw new IllegalArgumentException(name + ": recent_history row " + i + " has " + t.recentHistory()[i].length
                        + " values, the seasonal-naive baseline needs at least " + season);
            }
        }
    }
}
