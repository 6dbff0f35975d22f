package dev.rnnkit.data.timeseries;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.TimeSeriesDataConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.StreamingBatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;

/**
 * Reads a CSV series into sliding windows of {@code lookback} steps with the next {@code horizon} steps as labels.
 *
 * <p>Splits are chronological (fractions of rows, or cut-off timestamps); scalers and categories are
 * fitted on the training split only. Labels never cross a split boundary, but a validation or test split cut
 * from the training file reads its windows' history (the lookback, and for forecasts one season for the
 * seasonal-naive baseline) from the rows before it, so that every one of its steps is forecast.
 */
public final class TimeSeriesPipeline {

    private TimeSeriesPipeline() {
    }

    /** A split's rows with the file they came from (for messages). */
    private record Part(String file, List<SeriesRow> rows) {
    }

    /** Reads, splits, fits and windows the series. */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        DataConfig d = config.data();
        TimeSeriesDataConfig s = d.timeSeries();
        ReadLog log = new ReadLog(d.onError());
        Splits<SeriesRow> rows = split(d, s, name -> SeriesReader.read(DataPipelines.resolve(dataDir, name), name, s, log));

        List<String> numeric = new ArrayList<>(s.targetColumns());
        numeric.addAll(s.covariateColumns());
        List<ColumnScaler> scalers = new ArrayList<>();
        for (int j = 0; j < numeric.size(); j++) {
            scalers.add(ColumnScaler.fit(numeric.get(j), rows.train(), j, s.normalization()));
        }
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (int c = 0; c < s.categoricalColumns().size(); c++) {
            TreeSet<String> seen = new TreeSet<>();
            for (SeriesRow r : rows.train()) {
                if (r.categories()[c] != null) {
                    seen.add(r.categories()[c]);
                }
            }
            categories.put(s.categoricalColumns().get(c), List.copyOf(seen));
        }
        OutputType type = config.output().type();
        int horizon = type == OutputType.FORECAST ? config.output().horizon() : 1;
        TimeSeriesState state = new TimeSeriesState(type, s, horizon, scalers, categories);

        String[] names = {d.train(), d.validation() != null ? d.validation() : d.train(), d.test() != null ? d.test() : d.train()};
        // A split cut from the training file continues its series: its windows read their history from the rows before it.
        boolean validationFollows = rows.validation() != null && (s.validationStart() != null || d.validation() == null);
        List<SeriesRow> beforeTest = new ArrayList<>(rows.train());
        if (validationFollows) {
            beforeTest.addAll(rows.validation());
        }
        boolean testFollows = rows.test() != null && (s.testStart() != null || d.test() == null);
        Splits<TimeSeriesState.Window> windows = new Splits<>(
                windows(state, state.segment(rows.train(), names[0], log), "train", log),
                rows.validation() == null ? null
                        : windows(state, evaluationSegment(state, validationFollows ? rows.train() : List.of(), rows.validation(), names[1], log),
                                "validation", log),
                rows.test() == null ? null
                        : windows(state, evaluationSegment(state, testFollows ? beforeTest : List.of(), rows.test(), names[2], log), "test", log));
        requireWindows(windows.train(), "training", names[0], rows.train().size(), s, horizon);
        requireWindows(windows.validation(), "validation", names[1], Splits.size(rows.validation()), s, horizon);
        requireWindows(windows.test(), "test", names[2], Splits.size(rows.test()), s, horizon);
        var batches = DataPipelines.batches(windows, config, state::batch, null, state.featureCount(),
                state.targetCount() * (type == OutputType.FORECAST ? horizon : 1));
        return new PreparedData(Preprocessing.of(state),
                log.summary(windows.train().size(), Splits.size(windows.validation()), Splits.size(windows.test())),
                batches, d.prefetch());
    }

    /** A split that exists must yield windows: found before training, naming the file, not after an empty epoch. */
    private static void requireWindows(List<TimeSeriesState.Window> windows, String split, String file, long rows,
                                       TimeSeriesDataConfig s, int horizon) {
        if (windows != null && windows.isEmpty()) {
            throw new dev.rnnkit.data.DataFormatException(file, 0, "no complete " + split + " windows: the " + split + " split has "
                    + rows + " rows, and each window needs lookback " + s.lookback() + " plus " + horizon
                    + " label step(s) of complete rows; shorten the lookback or give the split more rows");
        }
    }

    /**
     * Every complete window of one CSV file, read with a fitted state, in time order (for evaluation), batched as the
     * file is read: memory holds a pool of windows and the rows a window needs, not the file.
     */
    public static StreamingBatches<TimeSeriesState.Window> labelled(RnnkitConfig config, TimeSeriesState state, Path file) {
        String name = file.toString();
        // Every reset reads the file again; what the first reading of its timestamps learnt holds for the next ones.
        AtomicReference<SeriesReader.Scan> scan = new AtomicReference<>();
        return DataPipelines.streamed(() -> {
            ReadLog log = new ReadLog(config.data().onError());
            if (scan.get() == null) {
                scan.set(SeriesReader.scan(file, name, state.settings(), log));
            }
            RollingWindows windows = state.rolling(SeriesReader.rows(file, name, state.settings(), log, scan.get()), name,
                    state.evaluationHistory(), log);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(windows, Spliterator.ORDERED), false).onClose(windows::close);
        }, config, state::batch, null, file);
    }

    /**
     * Every complete window of one CSV file, read with a fitted state, in time order; each has the history the
     * seasonal-naive baseline needs, so the first forecast origins are {@code max(lookback, season)} rows in. All are
     * kept ({@link #labelled} reads them as they are needed).
     */
    public static List<TimeSeriesState.Window> labelledWindows(RnnkitConfig config, TimeSeriesState state, Path file) {
        ReadLog log = new ReadLog(config.data().onError());
        String name = file.toString();
        try (RollingWindows windows = state.rolling(SeriesReader.rows(file, name, state.settings(), log), name, state.evaluationHistory(), log)) {
            List<TimeSeriesState.Window> out = new ArrayList<>();
            windows.forEachRemaining(out::add);
            return out;
        }
    }

    /** An evaluated split with up to {@link TimeSeriesState#evaluationHistory()} rows of the series before it as history. */
    private static TimeSeriesState.Segment evaluationSegment(TimeSeriesState state, List<SeriesRow> before, List<SeriesRow> split,
                                                             String file, ReadLog log) {
        int history = state.evaluationHistory();
        // sequence_regression labels every step of a window, so earlier rows cannot serve as unlabelled history.
        int reach = state.outputType() == OutputType.SEQUENCE_REGRESSION ? 0 : history;
        List<SeriesRow> context = before.subList(Math.max(0, before.size() - reach), before.size());
        List<SeriesRow> rows = new ArrayList<>(context);
        rows.addAll(split);
        return state.segment(rows, context.size(), history, file, log);
    }

    private static List<TimeSeriesState.Window> windows(TimeSeriesState state, TimeSeriesState.Segment segment, String split, ReadLog log) {
        List<TimeSeriesState.Window> out = state.windows(segment);
        int dropped = state.possibleWindows(segment) - out.size();
        if (dropped > 0) {
            log.note(split + ": " + dropped + " of " + state.possibleWindows(segment) + " windows dropped because they touch missing values");
        }
        return out;
    }

    /** Chronological splits: separate files, cut-off timestamps, or fractions of the rows from the end. */
    private static Splits<SeriesRow> split(DataConfig d, TimeSeriesDataConfig s, java.util.function.Function<String, List<SeriesRow>> reader) {
        if (s.validationStart() == null && s.testStart() == null) {
            return Splits.read(d, reader, true, 0L);
        }
        List<SeriesRow> all = reader.apply(d.train());
        if (s.end() != null) {
            all = all.stream().filter(r -> r.timestamp().compareTo(s.end()) < 0).toList();
        }
        List<SeriesRow> train = new ArrayList<>();
        List<SeriesRow> validation = s.validationStart() == null ? null : new ArrayList<>();
        List<SeriesRow> test = s.testStart() == null ? null : new ArrayList<>();
        for (SeriesRow r : all) {
            if (test != null && r.timestamp().compareTo(s.testStart()) >= 0) {
                test.add(r);
            } else if (validation != null && r.timestamp().compareTo(s.validationStart()) >= 0) {
                validation.add(r);
            } else {
                train.add(r);
            }
        }
        return new Splits<>(train,
                validation != null ? validation : d.validation() != null ? reader.apply(d.validation()) : null,
                test != null ? test : d.test() != null ? reader.apply(d.test()) : null);
    }
}
