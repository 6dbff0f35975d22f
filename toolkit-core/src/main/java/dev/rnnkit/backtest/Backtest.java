package dev.rnnkit.backtest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.timeseries.SeriesReader;
import dev.rnnkit.data.timeseries.SeriesRow;
import dev.rnnkit.data.timeseries.TimeSeriesPipeline;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.ForecastReport;
import dev.rnnkit.eval.ForecastTarget;
import dev.rnnkit.eval.TrainingBaselines;
import dev.rnnkit.eval.plot.ChartSize;
import dev.rnnkit.eval.plot.ForecastChart;
import dev.rnnkit.eval.plot.StepErrorChart;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.predict.ForecastCollector;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Rolling-origin evaluation of a forecaster over a period of a series.
 *
 * <p>Every scored origin forecasts from the {@code lookback} rows before it only; with refitting, the model of each fold
 * was trained (and early-stopped) on rows before the fold, so nothing after an origin reaches its forecast. Scores are
 * reported overall and per horizon step, for the model and both baselines on the same origins.
 */
public final class Backtest {

    private Backtest() {
    }

    /**
     * One fold of a refitting backtest.
     *
     * @param index      1-based
     * @param validation the first row of the fold's validation split (the config's validation length before the fold)
     * @param start      the first forecast time of the fold
     * @param end        the first time after it, or null at the end of the data
     * @param runDir     the run directory of the fold's training
     * @param origins    origins scored in the fold
     */
    public record Fold(int index, String validation, String start, String end, String runDir, int origins) {
    }

    /**
     * A backtest's outcome.
     *
     * @param plan      what was scored
     * @param origins   forecast origins scored
     * @param report    overall and per-step scores of the model and the baselines
     * @param folds     the folds of a refitting backtest; empty without refit
     * @param targets   the forecasts in original units, one per target (origins in time order)
     * @param stepTimes the timestamps of each origin's forecast steps
     */
    public record Result(BacktestPlan plan, int origins, ForecastReport report, List<Fold> folds,
                         List<ForecastTarget> targets, List<List<String>> stepTimes) {
    }

    /** Scores a trained model's forecasts from every {@code stride}-th origin of the period in {@code csv}. */
    public static Result withModel(SavedModel model, Path csv, BacktestPlan plan) {
        RnnkitConfig config = model.metadata().config();
        requireForecaster(config);
        ForecastCollector collector = collect(model, csv, plan);
        TrainingBaselines b = model.metadata().baselines();
        return result(plan, List.of(collector), b, config, List.of());
    }

    /**
     * Cuts the period into {@code plan.folds()} consecutive folds of the config's training file and, for each, trains the
     * config on the rows before it (its last rows, as long as the config's validation period, for early stopping) and
     * scores the fold's origins with that model. The runs go to {@code outDir/fold-N}.
     */
    public static Result withRefit(RnnkitConfig config, Path dataDir, BacktestPlan plan, Path outDir, Trainer trainer)
            throws IOException, ConfigException {
        requireForecaster(config);
        var s = config.data().timeSeries();
        Path file = DataPipelines.resolve(dataDir, config.data().train());
        List<SeriesRow> rows = SeriesReader.read(file, config.data().train(), s, new ReadLog(config.data().onError()));
        List<String> times = rows.stream().map(SeriesRow::timestamp).toList();
        int first = firstRow(times, plan.start());
        int last = plan.end() == null ? times.size() : firstRow(times, plan.end());
        int validationRows = validationRows(config, times, first);
        int history = Math.max(s.lookback(), s.season());
        if (first - validationRows - history < s.lookback() + 1) {
            throw new DataFormatException(file.toString(), 0, "too few rows before the backtest start " + times.get(first)
                    + " to train the first fold (" + validationRows + " validation rows plus training windows)");
        }
        int folds = plan.folds();
        int length = (last - first) / folds;
        if (length < 1) {
            throw new IllegalArgumentException("--folds " + folds + " leaves no rows per fold between " + times.get(first) + " and "
                    + (last < times.size() ? times.get(last) : "the end"));
        }
        List<ForecastCollector> parts = new ArrayList<>();
        List<Fold> done = new ArrayList<>();
        TrainingBaselines firstBaselines = null;
        for (int k = 0; k < folds; k++) {
            int from = first + k * length;
            int to = k == folds - 1 ? last : from + length;
            String validation = times.get(from - validationRows);
            String start = times.get(from);
            String end = to < times.size() ? times.get(to) : null;
            RnnkitConfig fold = foldConfig(config, validation, start, end);
            RunDirectory run = RunDirectory.create(outDir.resolve("fold-" + (k + 1)));
            TrainingResult trained = trainer.train(fold, dataDir, run);
            if (trained.interrupted()) {
                throw new IllegalStateException("backtest stopped during fold " + (k + 1) + "; its run is in " + run.root());
            }
            SavedModel model = ModelFile.read(run.model());
            ForecastCollector c = collect(model, file, new BacktestPlan(start, end, plan.stride(), 0));
            parts.add(c);
            int n = c.targets().get(0).actual().length;
            done.add(new Fold(k + 1, validation, start, end, run.root().toString(), n));
            if (firstBaselines == null) {
                firstBaselines = model.metadata().baselines(); // scales from the data before the backtest: what a user had then
            }
        }
        return result(plan, parts, firstBaselines, config, done);
    }

    /** Writes metrics.json, metrics.txt (overall and per step), forecasts.csv and the plots of the first and last step. */
    public static List<Path> write(Result r, Path dir) {
        int horizon = r.report().horizon();
        return write(r, dir, horizon == 1 ? List.of(1) : List.of(1, horizon));
    }

    /** Writes metrics.json, metrics.txt (overall and per step), forecasts.csv and plots of the given horizon steps. */
    public static List<Path> write(Result r, Path dir, List<Integer> plotSteps) {
        // Checked before anything is written: a bad step leaves no half-written results.
        var plotted = ForecastCollector.series(r.targets(), r.stepTimes(), r.report().season(), plotSteps);
        List<Path> files = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plan", r.plan());
        json.put("origins", r.origins());
        json.put("folds", r.folds());
        json.put("report", r.report());
        Path metrics = dir.resolve("metrics.json");
        EvalJson.write(json, metrics);
        files.add(metrics);
        Path text = dir.resolve("metrics.txt");
        AtomicFiles.writeString(text, "backtest over " + r.origins() + " origins" + (r.plan().refits() ? ", refit in "
                + r.folds().size() + " folds" : ", one model") + "\n\n" + r.report().toTable() + "\nby horizon step\n" + r.report().stepTable());
        files.add(text);
        Path csv = dir.resolve("forecasts.csv");
        writeForecastsCsv(r, csv);
        files.add(csv);
        files.addAll(ForecastChart.writeAll(plotted, dir, "forecast", ChartSize.DEFAULT));
        files.addAll(StepErrorChart.writeAll(r.report().targets(), r.report().season(), dir, "errors-by-step"));
        return files;
    }

    private static Result result(BacktestPlan plan, List<ForecastCollector> parts, TrainingBaselines b, RnnkitConfig config,
                                 List<Fold> folds) {
        List<ForecastTarget> targets = ForecastCollector.targets(parts);
        int origins = targets.get(0).actual().length;
        if (origins == 0) {
            throw new IllegalArgumentException("no forecast origin falls between " + (plan.start() == null ? "the start" : plan.start())
                    + " and " + (plan.end() == null ? "the end" : plan.end()) + " of the data");
        }
        int season = config.data().timeSeries().season();
        double[] stds = b.targetStds() != null ? b.targetStds() : new double[targets.size()];
        ForecastReport report = ForecastMetrics.evaluate(targets, season, b.maseScales(), stds);
        return new Result(plan, origins, report, folds, targets, ForecastCollector.stepTimes(parts));
    }

    /** The model's forecasts from every stride-th origin of the period, read from {@code csv} with the model's settings. */
    private static ForecastCollector collect(SavedModel model, Path csv, BacktestPlan plan) {
        RnnkitConfig config = model.metadata().config();
        TimeSeriesState state = model.metadata().preprocessing().timeSeries();
        List<TimeSeriesState.Window> origins = new ArrayList<>();
        int seen = 0;
        for (TimeSeriesState.Window w : TimeSeriesPipeline.labelledWindows(config, state, csv)) {
            if (plan.contains(state.labelTimestamps(w).get(0)) && seen++ % plan.stride() == 0) {
                origins.add(w);
            }
        }
        ForecastCollector collector = new ForecastCollector(state);
        if (origins.isEmpty()) {
            return collector;
        }
        MultiDataSetIterator batches = DataPipelines.inOrder(origins, config, state::batch, csv);
        batches.reset();
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            collector.add(batch, model.network().output(batch));
        }
        return collector;
    }

    private static RnnkitConfig foldConfig(RnnkitConfig config, String validation, String start, String end) throws ConfigException {
        List<String> set = new ArrayList<>(List.of("data.validation_split=0", "data.test_split=0", "data.validation=", "data.test=",
                "data.time_series.validation_start=" + quote(validation), "data.time_series.test_start=" + quote(start),
                "data.time_series.end=" + (end == null ? "" : quote(end))));
        return ConfigLoader.parse(ConfigLoader.toYaml(config), "backtest fold config", set);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Rows of validation before each fold: the config's own validation period, else a fifth of the rows before the fold. */
    private static int validationRows(RnnkitConfig config, List<String> times, int first) {
        var s = config.data().timeSeries();
        if (s.validationStart() != null && s.testStart() != null) {
            return firstRow(times, s.testStart()) - firstRow(times, s.validationStart());
        }
        return Math.max(1, first / 5);
    }

    private static int firstRow(List<String> times, String time) {
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i).compareTo(time) >= 0) {
                return i;
            }
        }
        return times.size();
    }

    private static void requireForecaster(RnnkitConfig config) {
        if (config.output().type() != OutputType.FORECAST) {
            throw new IllegalArgumentException("backtests are for forecasters (output.type: forecast), this model is "
                    + config.output().type().yamlName());
        }
    }

    /** One line per origin, target and step: the forecast time, actual value, model and both baselines. */
    private static void writeForecastsCsv(Result r, Path file) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        List.of("origin", "target", "step", "time", "actual", "model", "persistence", "seasonal_naive").forEach(schema::addColumn);
        int season = r.report().season();
        AtomicFiles.write(file, out -> {
            try (SequenceWriter w = new CsvMapper().writer(schema.build())
                    .writeValues(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8))) {
                for (ForecastTarget t : r.targets()) {
                    for (int i = 0; i < t.actual().length; i++) {
                        double[] recent = t.recentHistory()[i];
                        List<String> times = r.stepTimes().get(i);
                        for (int h = 0; h < t.actual()[i].length; h++) {
                            w.write(java.util.Arrays.asList(i, t.name(), h + 1, times == null ? null : times.get(h), t.actual()[i][h],
                                    t.predicted()[i][h], recent[recent.length - 1], recent[recent.length - season + h % season]));
                        }
                    }
                }
            }
        });
    }
}
