package dev.rnnkit.data.timeseries;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.TimeSeriesDataConfig;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.model.DataShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the time-series pipeline fitted on the training split: scalers, categories and window settings.
 *
 * <p>Features per step are the targets, then the numeric covariates, then one one-hot block per
 * categorical column, all scaled. Forecast labels are [b, horizon * targets], index {@code h * targets + k}.
 *
 * @param outputType forecast (labels [b, H*K]), regression (H = 1, labels [b, K]) or sequence_regression
 *                   (next-step targets at every step, labels [b, K, lookback] with a mask)
 * @param settings   the time_series section of the config (columns, lookback, stride, missing values)
 * @param horizon    future steps predicted per window (1 unless forecast)
 * @param scalers    one per target then covariate column
 * @param categories the training categories of each categorical column, sorted
 */
public record TimeSeriesState(OutputType outputType, TimeSeriesDataConfig settings, int horizon,
                              List<ColumnScaler> scalers, Map<String, List<String>> categories) {

    /**
     * A split's rows as scaled arrays, plus which rows are complete.
     *
     * @param context rows at the start that come from earlier in the series and serve as history only: no label
     *                step falls on them (validation and test windows read their lookback from the split before)
     * @param history rows of complete history each window needs before its first label step: the lookback, or
     *                for forecast evaluation at least one season, so that the seasonal-naive baseline is defined
     */
    public record Segment(List<SeriesRow> rows, float[][] features, float[][] targets, boolean[] complete, int context, int history) {
    }

    /** A window starting at row {@code start} of a segment. */
    public record Window(Segment segment, int start) {
    }

    /**
     * What travels with each forecast window in its batch (as example metadata): the last season of scaled target
     * values before its first forecast step (the seasonal-naive baseline's input; null where the segment does not
     * reach back that far), the per-target level taken out of it by window normalisation (null without), and the
     * timestamps of its forecast steps (null entries without timestamp columns), for plots over time.
     */
    public record WindowContext(float[][] seasonal, float[] level, List<String> stepTimes) implements java.io.Serializable {
    }

    /**
     * Windows over a CSV for prediction: the complete labelled windows, and the window of the last {@code lookback} rows
     * whose forecast steps lie after the file's end.
     *
     * @param data             features and scaled labels of the labelled windows; null when the file has none
     * @param targetTimestamps per labelled window, the timestamps of its forecast steps (null entries without
     *                         timestamp columns)
     * @param future           features (no labels) of the window over the last {@code lookback} rows; null when one of
     *                         them has a missing value, or for sequence_regression
     * @param futureTimestamps the {@code horizon} timestamps after the last row, one interval ({@link Timestamps}) apart;
     *                         null when the timestamps are absent, not dates, or fewer than two
     */
    public record ForecastData(MultiDataSet data, List<List<String>> targetTimestamps, MultiDataSet future,
                               List<String> futureTimestamps) {
    }

    /** Targets plus numeric covariates plus one-hot category slots. */
    public int featureCount() {
        return scalers.size() + settings.categoricalColumns().stream().mapToInt(c -> categories.get(c).size()).sum();
    }

    /** Number of target columns. */
    public int targetCount() {
        return settings.targetColumns().size();
    }

    /** Label steps per window: the horizon, or the lookback for sequence_regression. */
    private int labelSteps() {
        return outputType == OutputType.SEQUENCE_REGRESSION ? settings.lookback() : horizon;
    }

    /** Rows needed after a window start. */
    int span() {
        return settings.lookback() + (outputType == OutputType.SEQUENCE_REGRESSION ? 1 : horizon);
    }

    /** Rows of history an evaluation window needs: the lookback, and for forecasts at least one season. */
    public int evaluationHistory() {
        return outputType == OutputType.FORECAST ? Math.max(settings.lookback(), settings.season()) : settings.lookback();
    }

    /** A training segment: every row may be labelled, and windows need their lookback only. */
    public Segment segment(List<SeriesRow> input, String file, ReadLog log) {
        return segment(input, 0, settings.lookback(), file, log);
    }

    /**
     * Scales rows and one-hot encodes categories; a row with an unseen category is rejected.
     *
     * @param context the first {@code context} input rows are history only (see {@link Segment#context()})
     * @param history complete rows each window needs before its first label step
     */
    public Segment segment(List<SeriesRow> input, int context, int history, String file, ReadLog log) {
        List<SeriesRow> rows = new ArrayList<>(input.size());
        List<float[]> features = new ArrayList<>(input.size());
        int keptContext = 0;
        int index = -1;
        for (SeriesRow r : input) {
            index++;
            float[] x = features(r, file, log);
            if (x == null) {
                continue;
            }
            rows.add(r);
            features.add(x);
            keptContext += index < context ? 1 : 0;
        }
        int n = rows.size();
        float[][] targets = new float[n][];
        boolean[] complete = new boolean[n];
        for (int i = 0; i < n; i++) {
            targets[i] = java.util.Arrays.copyOf(features.get(i), targetCount());
            complete[i] = rows.get(i).complete();
        }
        return new Segment(rows, features.toArray(new float[0][]), targets, complete, keptContext, Math.max(history, settings.lookback()));
    }

    /**
     * One row scaled, with its categories one-hot encoded; null when it has a category the training split did not
     * have, which is rejected through {@code log}.
     */
    float[] features(SeriesRow r, String file, ReadLog log) {
        float[] x = new float[featureCount()];
        for (int j = 0; j < scalers.size(); j++) {
            x[j] = (float) scalers.get(j).apply(r.numbers()[j]);
        }
        int offset = scalers.size();
        for (int c = 0; c < r.categories().length; c++) {
            String col = settings.categoricalColumns().get(c);
            List<String> known = categories.get(col);
            String value = r.categories()[c];
            if (value != null) {
                int k = known.indexOf(value);
                if (k < 0) {
                    log.reject(file, r.line(), "unknown category", "column '" + col + "': unknown category '" + value
                            + "'; the training split has " + String.join(", ", known));
                    return null;
                }
                x[offset + k] = 1f;
            }
            offset += known.size();
        }
        return x;
    }

    /** The first window start of a segment: its history and its first label step both fit. */
    private int firstStart(Segment s) {
        int lookback = settings.lookback();
        return Math.max(s.history(), s.context()) - lookback;
    }

    /** Window starts every {@code stride} rows whose history and label rows are all complete. */
    public List<Window> windows(Segment s) {
        int n = s.rows().size();
        int[] incompleteBefore = new int[n + 1];
        for (int i = 0; i < n; i++) {
            incompleteBefore[i + 1] = incompleteBefore[i] + (s.complete()[i] ? 0 : 1);
        }
        int extraHistory = s.history() - settings.lookback();
        List<Window> out = new ArrayList<>();
        for (int start = firstStart(s); start + span() <= n; start += settings.stride()) {
            if (incompleteBefore[start + span()] == incompleteBefore[start - extraHistory]) {
                out.add(new Window(s, start));
            }
        }
        return out;
    }

    /** The number of window starts in a segment, complete or not. */
    public int possibleWindows(Segment s) {
        int n = s.rows().size() - span() - firstStart(s);
        return n < 0 ? 0 : n / settings.stride() + 1;
    }

    /**
     * Per window and target, the scaled target values of the last {@code season} rows before its first forecast
     * step (the seasonal-naive baseline's input); null for a window whose segment does not reach back that far.
     */
    private float[][] seasonalHistory(Window w) {
        int season = settings.season();
        int origin = w.start() + settings.lookback();
        if (origin - season < 0) {
            return null;
        }
        float[][] out = new float[targetCount()][season];
        for (int s = 0; s < season; s++) {
            float[] row = w.segment().targets()[origin - season + s];
            for (int k = 0; k < out.length; k++) {
                out[k][s] = row[k];
            }
        }
        return out;
    }

    /**
     * The level window normalisation takes out of each numeric channel (targets, then covariates) of a window, in
     * scaled units: its last value or its mean over the lookback; null without window normalisation.
     */
    private float[] level(Window w) {
        TimeSeriesDataConfig.WindowNormalization mode = settings.windowNormalization();
        if (outputType != OutputType.FORECAST || mode == TimeSeriesDataConfig.WindowNormalization.NONE) {
            return null;
        }
        int lookback = settings.lookback();
        float[] level = new float[scalers.size()];
        for (int j = 0; j < level.length; j++) {
            if (mode == TimeSeriesDataConfig.WindowNormalization.LAST) {
                level[j] = w.segment().features()[w.start() + lookback - 1][j];
            } else {
                double sum = 0;
                for (int t = 0; t < lookback; t++) {
                    sum += w.segment().features()[w.start() + t][j];
                }
                level[j] = (float) (sum / lookback);
            }
        }
        return level;
    }

    /**
     * What a batch feeds the network, read from each window's lookback only (its label rows need not exist).
     *
     * @param features [b, F, lookback], each window less its level
     * @param levels   per window, the level taken out (null entries without window normalisation)
     * @param contexts per forecast window, its {@link WindowContext} (empty for other output types)
     */
    private record Inputs(INDArray features, float[][] levels, List<java.io.Serializable> contexts) {
    }

    /** The inputs of windows; {@code labelled} windows also carry the timestamps of their forecast steps. */
    private Inputs inputs(List<Window> windows, boolean labelled) {
        int b = windows.size();
        int lookback = settings.lookback();
        int f = featureCount();
        int k = targetCount();
        float[] x = new float[b * f * lookback];
        float[][] levels = new float[b][];
        List<java.io.Serializable> contexts = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Window w = windows.get(i);
            float[] level = level(w);
            levels[i] = level;
            for (int t = 0; t < lookback; t++) {
                float[] row = w.segment().features()[w.start() + t];
                for (int j = 0; j < f; j++) {
                    x[(i * f + j) * lookback + t] = row[j] - (level != null && j < level.length ? level[j] : 0f);
                }
            }
            if (outputType == OutputType.FORECAST) {
                contexts.add(new WindowContext(seasonalHistory(w), level == null ? null : java.util.Arrays.copyOf(level, k),
                        labelled ? labelTimestamps(w) : null));
            }
        }
        return new Inputs(Nd4j.create(x, new long[]{b, f, lookback}, 'c'), levels, contexts);
    }

    /** Features [b, F, lookback] and labels in the layout of the output type. */
    public MultiDataSet batch(List<Window> windows) {
        int b = windows.size();
        int lookback = settings.lookback();
        int k = targetCount();
        boolean perStep = outputType == OutputType.SEQUENCE_REGRESSION;
        float[] y = new float[b * k * labelSteps()];
        Inputs inputs = inputs(windows, true);
        for (int i = 0; i < b; i++) {
            Window w = windows.get(i);
            float[] level = inputs.levels()[i];
            for (int h = 0; h < labelSteps(); h++) {
                float[] target = w.segment().targets()[w.start() + (perStep ? h + 1 : lookback + h)];
                for (int j = 0; j < k; j++) {
                    y[perStep ? (i * k + j) * lookback + h : i * k * horizon + h * k + j] = target[j] - (level != null ? level[j] : 0f);
                }
            }
        }
        INDArray features = inputs.features();
        if (perStep) {
            INDArray mask = Nd4j.ones(b, lookback);
            return new MultiDataSet(features, Nd4j.create(y, new long[]{b, k, lookback}, 'c'), mask, mask);
        }
        MultiDataSet ds = new MultiDataSet(features, Nd4j.create(y, new long[]{b, (long) k * horizon}, 'c'));
        if (outputType == OutputType.FORECAST) {
            ds.setExampleMetaData(inputs.contexts());
        }
        return ds;
    }

    /** Features [b, F, lookback] without labels, with the same contexts as {@link #batch}, for windows whose label rows lie past the data. */
    public MultiDataSet unlabelledBatch(List<Window> windows) {
        Inputs inputs = inputs(windows, false);
        MultiDataSet ds = new MultiDataSet(new INDArray[]{inputs.features()}, null);
        if (outputType == OutputType.FORECAST) {
            ds.setExampleMetaData(inputs.contexts());
        }
        return ds;
    }

    /**
     * The window over the last {@code lookback} rows of a segment, whose forecast steps follow its last row; null
     * when one of those rows has a missing value, the segment is shorter, or for sequence_regression (no future steps).
     */
    public Window futureWindow(Segment s) {
        int start = s.rows().size() - settings.lookback();
        if (outputType == OutputType.SEQUENCE_REGRESSION || start < firstStart(s)) {
            return null;
        }
        for (int i = start; i < s.rows().size(); i++) {
            if (!s.complete()[i]) {
                return null;
            }
        }
        return new Window(s, start);
    }

    /** The timestamps of a window's label steps (null without timestamp columns). */
    public List<String> labelTimestamps(Window w) {
        int first = outputType == OutputType.SEQUENCE_REGRESSION ? w.start() + 1 : w.start() + settings.lookback();
        List<String> out = new ArrayList<>(labelSteps());
        for (int h = 0; h < labelSteps(); h++) {
            out.add(w.segment().rows().get(first + h).timestamp());
        }
        return out;
    }

    /**
     * The complete windows over {@code rows} (of {@code file}) as they are read, each with at least {@code history}
     * complete rows before its first label step (see {@link RollingWindows}); closing it closes the rows.
     */
    public RollingWindows rolling(SeriesReader.Rows rows, String file, int history, ReadLog log) {
        return new RollingWindows(this, rows, file, history, log, false);
    }

    /**
     * The windows prediction reads from a CSV file (training settings, {@code on_error: fail}) as they are read: every
     * complete window, then {@link RollingWindows#future()} and its timestamps; close it when done.
     */
    public RollingWindows forecastWindows(Path csv) {
        ReadLog log = new ReadLog(DataConfig.OnError.FAIL);
        return new RollingWindows(this, SeriesReader.rows(csv, csv.toString(), settings, log), csv.toString(), settings.lookback(), log, true);
    }

    /** The error for a file that gives prediction neither a labelled window nor a future one. */
    public dev.rnnkit.data.DataFormatException tooFewRows(Path csv) {
        return new dev.rnnkit.data.DataFormatException(csv.toString(), 0, "too few complete rows: a forecast past the end needs "
                + "the last " + settings.lookback() + " rows (the lookback) complete, and a labelled window " + settings.lookback()
                + " plus " + (span() - settings.lookback()) + " label step(s)");
    }

    /**
     * Every complete window of a CSV file (read with the training settings and {@code on_error: fail}), with scaled
     * labels and the timestamps of the predicted steps, and the window of its last {@code lookback} rows, whose
     * forecast steps follow the file's end; all in memory ({@link #forecastWindows} reads them as they are needed).
     */
    public ForecastData encode(Path csv) {
        try (RollingWindows rolling = forecastWindows(csv)) {
            List<Window> windows = new ArrayList<>();
            rolling.forEachRemaining(windows::add);
            Window future = rolling.future();
            if (windows.isEmpty() && future == null) {
                throw tooFewRows(csv);
            }
            return new ForecastData(windows.isEmpty() ? null : batch(windows), windows.stream().map(this::labelTimestamps).toList(),
                    future == null ? null : unlabelledBatch(List.of(future)), future == null ? null : rolling.futureTimestamps());
        }
    }

    /**
     * Forecasts or labels [b, H*K] of a batch in original units, as [b][h][k]: each window's level (window
     * normalisation, from {@code contexts}, the batch's example metadata) is added back before the scaler is inverted.
     */
    public double[][][] inverseForecast(INDArray predictions, List<? extends java.io.Serializable> contexts) {
        int b = (int) predictions.size(0);
        int k = targetCount();
        double[][][] out = new double[b][horizon][k];
        for (int i = 0; i < b; i++) {
            float[] level = contexts == null ? null : ((WindowContext) contexts.get(i)).level();
            for (int h = 0; h < horizon; h++) {
                for (int j = 0; j < k; j++) {
                    double scaled = predictions.getDouble(i, (long) h * k + j) + (level != null ? level[j] : 0.0);
                    out[i][h][j] = scalers.get(j).invert(scaled);
                }
            }
        }
        return out;
    }

    /** One scaled value of target {@code k} in original units. */
    public double inverseTarget(int k, double scaled) {
        return scalers.get(k).invert(scaled);
    }

    /** Sizes for the model builder: features per step and targets per step (the head emits horizon × that). */
    public DataShape shape() {
        return new DataShape(null, featureCount(), null, targetCount());
    }
}
