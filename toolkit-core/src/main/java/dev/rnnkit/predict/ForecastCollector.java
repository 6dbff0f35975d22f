package dev.rnnkit.predict;

import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.data.timeseries.Timestamps;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.ForecastTarget;
import dev.rnnkit.eval.plot.ForecastSeries;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Gathers forecast windows in original units: actual values, the model's forecasts, the history the baselines need
 * and the timestamps of the forecast steps, from batches whose example metadata carries each window's context.
 *
 * <p>Windows of several collectors (e.g. the folds of a backtest, each with its own fitted model) can be joined with
 * {@link #targets(List)}, since everything is kept in original units.
 */
public final class ForecastCollector {

    private final TimeSeriesState state;
    private final int season;
    private final int keep;
    private final ForecastMetrics.Accumulator metrics;
    private final List<ArrayDeque<double[]>> actual = new ArrayList<>();
    private final List<ArrayDeque<double[]>> predicted = new ArrayList<>();
    private final List<ArrayDeque<double[]>> history = new ArrayList<>();
    private final ArrayDeque<List<String>> stepTimes = new ArrayDeque<>();
    /** Per horizon step, whether a window dropped from a bounded collector had no date there (its plot has no time axis). */
    private final boolean[] untimed;
    private long windows;

    /** A collector that keeps every window and inverts scaling and window normalisation with {@code state}. */
    public ForecastCollector(TimeSeriesState state) {
        this(state, Integer.MAX_VALUE, null);
    }

    /**
     * A collector that keeps only the last {@code keep} windows (for plots) and adds every window to {@code metrics}
     * (null: none), so that its memory does not grow with the series.
     */
    public ForecastCollector(TimeSeriesState state, int keep, ForecastMetrics.Accumulator metrics) {
        this.state = state;
        this.season = state.settings().season();
        this.keep = keep;
        this.metrics = metrics;
        this.untimed = new boolean[state.horizon()];
        for (int k = 0; k < state.targetCount(); k++) {
            actual.add(new ArrayDeque<>());
            predicted.add(new ArrayDeque<>());
            history.add(new ArrayDeque<>());
        }
    }

    /** Adds one batch of windows and the network's output for it. */
    public void add(MultiDataSet batch, INDArray output) {
        List<java.io.Serializable> contexts = batch.getExampleMetaData();
        double[][][] truth = state.inverseForecast(batch.getLabels(0), contexts);
        double[][][] forecast = state.inverseForecast(output, contexts);
        for (int i = 0; i < truth.length; i++) {
            TimeSeriesState.WindowContext context = contexts == null ? null : (TimeSeriesState.WindowContext) contexts.get(i);
            float[][] lastSeason = context == null ? null : context.seasonal();
            if (lastSeason == null) {
                throw new IllegalStateException("forecast window " + i + " of a batch has no seasonal history (season " + season
                        + "): evaluate on windows of a validation, test or labelled file");
            }
            windows++;
            stepTimes.addLast(context.stepTimes());
            if (stepTimes.size() > keep) {
                noteUntimed(stepTimes.removeFirst());
            }
            for (int k = 0; k < state.targetCount(); k++) {
                double[] a = new double[state.horizon()];
                double[] p = new double[state.horizon()];
                for (int h = 0; h < a.length; h++) {
                    a[h] = truth[i][h][k];
                    p[h] = forecast[i][h][k];
                }
                double[] recent = new double[season];
                for (int s = 0; s < season; s++) {
                    recent[s] = state.inverseTarget(k, lastSeason[k][s]);
                }
                if (metrics != null) {
                    metrics.add(k, a, p, recent);
                }
                keep(actual.get(k), a);
                keep(predicted.get(k), p);
                keep(history.get(k), recent);
            }
        }
    }

    /** Appends a window's values, dropping the oldest beyond {@link #keep}. */
    private void keep(ArrayDeque<double[]> values, double[] value) {
        values.addLast(value);
        if (values.size() > keep) {
            values.removeFirst();
        }
    }

    /** Remembers the steps at which a dropped window's forecast time is not a date (see {@link #times}). */
    private void noteUntimed(List<String> times) {
        for (int h = 0; h < untimed.length; h++) {
            untimed[h] |= untimed[h] || times == null || times.get(h) == null || Timestamps.parse(times.get(h)) == null;
        }
    }

    /** Windows added so far. */
    public long windows() {
        return windows;
    }

    /**
     * Per target, the kept windows' forecasts at the first and last horizon step beside the actual values and both
     * baselines, as the last values of series as long as every window added.
     */
    public List<ForecastSeries> series() {
        int horizon = state.horizon();
        return series(targets(), stepTimes(List.of(this)), season, horizon == 1 ? List.of(1) : List.of(1, horizon), windows, untimed);
    }

    /** The windows gathered so far, one {@link ForecastTarget} per target (no training series: scales come separately). */
    public List<ForecastTarget> targets() {
        return targets(List.of(this));
    }

    /** The windows of several collectors over the same targets, in the order given. */
    public static List<ForecastTarget> targets(List<ForecastCollector> parts) {
        ForecastCollector first = parts.get(0);
        List<ForecastTarget> out = new ArrayList<>();
        for (int k = 0; k < first.state.targetCount(); k++) {
            List<double[]> a = new ArrayList<>();
            List<double[]> p = new ArrayList<>();
            List<double[]> h = new ArrayList<>();
            for (ForecastCollector c : parts) {
                a.addAll(c.actual.get(k));
                p.addAll(c.predicted.get(k));
                h.addAll(c.history.get(k));
            }
            out.add(new ForecastTarget(first.state.settings().targetColumns().get(k), a.toArray(double[][]::new),
                    p.toArray(double[][]::new), h.toArray(double[][]::new), new double[0]));
        }
        return out;
    }

    /** The timestamps of every window's forecast steps, in window order (null entries without timestamps). */
    public static List<List<String>> stepTimes(List<ForecastCollector> parts) {
        List<List<String>> out = new ArrayList<>();
        parts.forEach(c -> out.addAll(c.stepTimes));
        return out;
    }

    /** Per target, its forecasts at the first and last horizon step beside the actual values and both baselines. */
    public static List<ForecastSeries> series(List<ForecastTarget> targets, List<List<String>> stepTimes, int season) {
        int horizon = targets.get(0).actual()[0].length;
        return series(targets, stepTimes, season, horizon == 1 ? List.of(1) : List.of(1, horizon));
    }

    /** Per target, its forecasts at each of {@code steps} (1-based horizon steps) beside the actual values and both baselines. */
    public static List<ForecastSeries> series(List<ForecastTarget> targets, List<List<String>> stepTimes, int season, List<Integer> steps) {
        return series(targets, stepTimes, season, steps, targets.get(0).actual().length, null);
    }

    /**
     * As {@link #series(List, List, int, List)} for the last windows of {@code total}; {@code untimed} (or null) marks
     * the steps where an earlier window had no date.
     */
    private static List<ForecastSeries> series(List<ForecastTarget> targets, List<List<String>> stepTimes, int season, List<Integer> steps,
                                               long total, boolean[] untimed) {
        int horizon = targets.get(0).actual()[0].length;
        List<ForecastSeries> series = new ArrayList<>();
        for (int step : steps) {
            if (step < 1 || step > horizon) {
                throw new IllegalArgumentException("plot step " + step + " is outside the horizon 1.." + horizon);
            }
            List<Instant> times = untimed != null && untimed[step - 1] ? null : times(stepTimes, step);
            for (ForecastTarget t : targets) {
                series.add(series(t, step, times, season, total));
            }
        }
        return series;
    }

    /** The time each window's forecast at {@code step} refers to (in UTC), or null when the series has no date timestamps. */
    private static List<Instant> times(List<List<String>> stepTimes, int step) {
        List<Instant> out = new ArrayList<>(stepTimes.size());
        for (List<String> window : stepTimes) {
            java.time.LocalDateTime t = window == null || window.get(step - 1) == null ? null : Timestamps.parse(window.get(step - 1));
            if (t == null) {
                return null;
            }
            out.add(t.toInstant(java.time.ZoneOffset.UTC));
        }
        return out;
    }

    private static ForecastSeries series(ForecastTarget t, int step, List<Instant> times, int season, long total) {
        int h = step - 1;
        List<Double> a = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        List<Double> seasonal = new ArrayList<>();
        for (int i = 0; i < t.actual().length; i++) {
            double[] recent = t.recentHistory()[i];
            a.add(t.actual()[i][h]);
            p.add(t.predicted()[i][h]);
            last.add(recent[recent.length - 1]);
            seasonal.add(recent[recent.length - season + h % season]);
        }
        return new ForecastSeries(t.name(), step, a, p, last, seasonal, times, total);
    }
}
