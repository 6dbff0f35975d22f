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
        ErrorScores.Accumulator[] overall = newAccumulators();
        List<TargetForecastReport> reports = new ArrayList<>();
        for (int ti = 0; ti < targets.size(); ti++) {
            ForecastTarget t = targets.get(ti);
            check(t, horizon, season);
            double scale = maseScales != null ? maseScales[ti] : inSampleSeasonalMae(t.trainingSeries(), season);
            double std = stds != null ? stds[ti] : standardDeviation(t.trainingSeries());
            ErrorScores.Accumulator[] acc = newAccumulators();
            ErrorScores.Accumulator[][] steps = new ErrorScores.Accumulator[horizon][];
            for (int h = 0; h < horizon; h++) {
                steps[h] = newAccumulators();
            }
            for (int i = 0; i < t.actual().length; i++) {
                double[] history = t.recentHistory()[i];
                double last = history[history.length - 1];
                for (int h = 0; h < horizon; h++) {
                    double a = t.actual()[i][h];
                    // Step h+1 repeats the last observed season: y[T + h+1 - m*(floor(h/m)+1)].
                    double seasonal = history[history.length - season + h % season];
                    double[] forecasts = {t.predicted()[i][h], last, seasonal};
                    for (int f = 0; f < forecasts.length; f++) {
                        acc[f].add(a, forecasts[f], scale, std);
                        overall[f].add(a, forecasts[f], scale, std);
                        steps[h][f].add(a, forecasts[f], scale, std);
                    }
                }
            }
            List<ForecastComparison> byStep = new ArrayList<>(horizon);
            for (ErrorScores.Accumulator[] step : steps) {
                byStep.add(comparison(step));
            }
            List<Double> maeByStep = byStep.stream().map(c -> c.model().mae()).toList();
            reports.add(new TargetForecastReport(t.name(), scale, comparison(acc), maeByStep, byStep));
        }
        return new ForecastReport(horizon, season, reports, comparison(overall));
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
