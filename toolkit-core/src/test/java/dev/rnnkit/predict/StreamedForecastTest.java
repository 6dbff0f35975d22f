package dev.rnnkit.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.timeseries.SeriesReader;
import dev.rnnkit.data.timeseries.TimeSeriesPipeline;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.ForecastReport;
import dev.rnnkit.eval.ForecastTarget;
import dev.rnnkit.eval.TrainingBaselines;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.train.ProgressListener;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.StopRequest;
import dev.rnnkit.train.TrainFixtures;
import dev.rnnkit.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Evaluation and prediction of a time series read a window at a time give exactly the numbers of the whole series in memory.
 */
class StreamedForecastTest {

    @TempDir
    static Path dir;

    private static SavedModel model;

    /** Daily rows from 2020-01-01 with a weekly pattern, a covariate, a categorical column, and the days in {@code skipped} left out. */
    private static String series(int n, int... skipped) {
        StringBuilder sb = new StringBuilder("date,temp,humidity,kind\n");
        LocalDate d = LocalDate.of(2020, 1, 1);
        rows:
        for (int i = 0; i < n; i++) {
            for (int s : skipped) {
                if (s == i) {
                    continue rows;
                }
            }
            sb.append(d.plusDays(i)).append(',').append(1000 + 4 * (i % 7) + 0.1 * i).append(',').append(50 + i % 5)
                    .append(',').append("abc".charAt(i % 3)).append('\n');
        }
        return sb.toString();
    }

    private static final String[] SETTINGS = {
        "data.time_series.covariate_columns=[humidity]", "data.time_series.categorical_columns=[kind]",
        "data.time_series.season=7", "data.time_series.gaps=fill", "data.time_series.missing=drop",
        "data.time_series.window_normalization=last", "output.horizon=3"};

    @BeforeAll
    static void train() throws IOException {
        TrainFixtures.write(dir.resolve("data"), "series.csv", series(120, 40));
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.FORECAST, SETTINGS);
        RunDirectory run = new Trainer(ProgressListener.NONE, new StopRequest()).train(config, dir.resolve("data"),
                RunDirectory.create(dir.resolve("run"))).run();
        model = ModelFile.read(run.model());
    }

    /** The windows of a file as training builds them: every row read into one list, then windowed. */
    private static List<TimeSeriesState.Window> inMemory(TimeSeriesState state, Path csv, int history) {
        ReadLog log = new ReadLog(DataConfig.OnError.FAIL);
        var rows = SeriesReader.read(csv, csv.toString(), state.settings(), log);
        return state.windows(state.segment(rows, 0, history, csv.toString(), log));
    }

    /** What evaluation found before it streamed: every window in memory, every forecast kept, scored by the list-based metrics. */
    private record Reference(ForecastReport report, double loss, List<dev.rnnkit.eval.plot.ForecastSeries> series, int windows) {
    }

    private static Reference reference(Path csv) {
        var m = model.metadata();
        TimeSeriesState state = m.preprocessing().timeSeries();
        List<TimeSeriesState.Window> windows = inMemory(state, csv, state.evaluationHistory());
        MultiDataSetIterator batches = DataPipelines.inOrder(windows, m.config(), state::batch, csv);
        ForecastCollector collector = new ForecastCollector(state);
        double lossSum = 0;
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            collector.add(batch, model.network().output(batch));
            lossSum += model.network().score(batch) * batch.getFeatures(0).size(0);
        }
        TrainingBaselines b = m.baselines();
        ForecastReport report = ForecastMetrics.evaluate(collector.targets(), state.settings().season(), b.maseScales(), b.targetStds());
        return new Reference(report, lossSum / windows.size(),
                ForecastCollector.series(collector.targets(), ForecastCollector.stepTimes(List.of(collector)), 7), windows.size());
    }

    /** The streamed result equals the reference to the last digit; its plots hold the reference's last 500 windows. */
    private static void assertSame(Reference expected, EvaluationResult streamed) {
        assertEquals(expected.report(), streamed.report());
        assertEquals(expected.report().toTable(), streamed.table());
        assertEquals(expected.report().stepTable(), ((ForecastReport) streamed.report()).stepTable());
        assertEquals(expected.loss(), streamed.metrics().get("loss"));
        assertEquals(expected.report().overall().model().mae(), streamed.metrics().get("mae"));
        assertEquals(expected.series().size(), streamed.forecastSeries().size());
        for (int i = 0; i < expected.series().size(); i++) {
            var all = expected.series().get(i);
            var tail = streamed.forecastSeries().get(i);
            int from = Math.max(0, all.actual().size() - 500);
            assertEquals(all.actual().size(), tail.total());
            assertEquals(all.actual().subList(from, all.actual().size()), tail.actual());
            assertEquals(all.predicted().subList(from, all.actual().size()), tail.predicted());
            assertEquals(all.persistence().subList(from, all.actual().size()), tail.persistence());
            assertEquals(all.seasonalNaive().subList(from, all.actual().size()), tail.seasonalNaive());
            assertEquals(all.timestamps().subList(from, all.actual().size()), tail.timestamps());
        }
    }

    @Test
    void streamedEvaluationEqualsTheSeriesInMemory() {
        // Days 60, 61 and 200 are missing: gaps: fill inserts them, and the windows over them are dropped.
        TrainFixtures.write(dir, "eval.csv", series(300, 60, 61, 200));
        Path csv = dir.resolve("eval.csv");
        assertSame(reference(csv), ModelEvaluator.evaluateFile(model, csv));
    }

    @Test
    void predictionLinesEqualTheSeriesInMemory() {
        TrainFixtures.write(dir, "predict.csv", series(90, 30));
        Path csv = dir.resolve("predict.csv");
        TimeSeriesState state = model.metadata().preprocessing().timeSeries();
        List<JsonNode> lines = new ArrayList<>();
        new Predictor(model).predictCsv(csv, s -> {
            try {
                lines.add(EvalJson.mapper().readTree(s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // The reference: every window of the file in one batch, as prediction read it before it streamed.
        List<TimeSeriesState.Window> windows = inMemory(state, csv, state.settings().lookback());
        MultiDataSet batch = state.batch(windows);
        double[][][] forecast = state.inverseForecast(model.network().output(batch.getFeatures(), null, null),
                batch.getExampleMetaData());
        assertEquals(windows.size() + 1, lines.size());
        for (int i = 0; i < windows.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals(state.labelTimestamps(windows.get(i)).toString(), EvalJson.mapper().convertValue(line.get("timestamps"),
                    List.class).toString());
            for (int h = 0; h < 3; h++) {
                assertEquals(forecast[i][h][0], line.get("forecast").get("temp").get(h).doubleValue(), 0.0, "window " + i);
            }
            assertEquals(false, line.get("future").booleanValue());
        }
        JsonNode future = lines.get(lines.size() - 1);
        assertTrue(future.get("future").booleanValue());
        assertEquals("2020-03-31", future.get("timestamps").get(0).asText());
        assertEquals(3, future.get("forecast").get("temp").size());
    }

    @Test
    void aGapIsReportedBeforeAnEarlierUnknownCategory() {
        // Line 11 has a category training never saw; after line 51 the dates jump 1000 days, more steps than the file has.
        String[] lines = series(100).split("\n");
        lines[11] = lines[11].substring(0, lines[11].length() - 1) + "z";
        for (int i = 51; i < lines.length; i++) {
            String date = lines[i].substring(0, 10);
            lines[i] = LocalDate.parse(date).plusDays(1000) + lines[i].substring(10);
        }
        TrainFixtures.write(dir, "gap.csv", String.join("\n", lines) + "\n");
        Path csv = dir.resolve("gap.csv");
        for (org.junit.jupiter.api.function.Executable read : List.<org.junit.jupiter.api.function.Executable>of(
                () -> ModelEvaluator.evaluateFile(model, csv), () -> new Predictor(model).predictCsv(csv, s -> { }))) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.rnnkit.data.DataFormatException.class, read);
            assertTrue(e.getMessage().contains(":52: 1000 steps missing between 2020-02-19 and ")
                    && e.getMessage().contains("more steps than the file's 100 rows"), e.getMessage());
        }
    }

    @Test
    void aFileOfManyPoolsStreamsEveryWindow() {
        int n = 5000; // about 12 pools of 50 batches of 8 windows
        TrainFixtures.write(dir, "long.csv", series(n, 1000));
        Path csv = dir.resolve("long.csv");
        TimeSeriesState state = model.metadata().preprocessing().timeSeries();
        MultiDataSetIterator batches = TimeSeriesPipeline.labelled(model.metadata().config(), state, csv);
        long windows = 0;
        while (batches.hasNext()) {
            windows += batches.next().getFeatures(0).size(0);
        }
        Reference expected = reference(csv);
        assertEquals(expected.windows(), windows);
        assertTrue(windows > 4900, windows + " windows");
        // Metrics add up every window; the plots keep the last 500.
        EvaluationResult streamed = ModelEvaluator.evaluateFile(model, csv);
        assertSame(expected, streamed);
        assertEquals(500, streamed.forecastSeries().get(0).actual().size());
    }

    @Test
    void sequenceRegressionWindowsStreamAsInMemory() {
        TrainFixtures.write(dir.resolve("seq"), "series.csv", series(200, 50));
        RnnkitConfig config = TrainFixtures.config("""
                input: {type: dense}
                encoder: [{cell_type: gru, state_size: 4}]
                output: {type: sequence_regression}
                training: {batch_size: 8}
                data:
                  train: series.csv
                  prefetch: 0
                  time_series: {timestamp_columns: [date], target_columns: [temp], covariate_columns: [humidity],
                                categorical_columns: [kind], lookback: 5, stride: 2, gaps: fill, missing: drop}
                """);
        TimeSeriesState state = DataPipelines.prepare(config, dir.resolve("seq")).artefact().timeSeries();
        Path csv = dir.resolve("seq/series.csv");
        List<TimeSeriesState.Window> windows = inMemory(state, csv, state.evaluationHistory());
        MultiDataSetIterator expected = DataPipelines.inOrder(windows, config, state::batch, csv);
        MultiDataSetIterator streamed = TimeSeriesPipeline.labelled(config, state, csv);
        int batches = 0;
        while (expected.hasNext()) {
            MultiDataSet e = expected.next();
            MultiDataSet s = streamed.next();
            assertEquals(e.getFeatures(0), s.getFeatures(0));
            assertEquals(e.getLabels(0), s.getLabels(0));
            batches++;
        }
        assertTrue(batches > 5 && !streamed.hasNext(), batches + " batches");
    }
}
