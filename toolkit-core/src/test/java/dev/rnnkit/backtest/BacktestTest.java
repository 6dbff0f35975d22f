package dev.rnnkit.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.eval.ForecastTarget;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.train.ProgressListener;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.StopRequest;
import dev.rnnkit.train.TrainFixtures;
import dev.rnnkit.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling-origin backtests: the origins asked for, no look-ahead, and refit folds trained only on the past. */
class BacktestTest {

    @TempDir
    static Path dir;

    static SavedModel model;
    static Path series;

    @BeforeAll
    static void trainOnce() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        series = data.resolve("series.csv");
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.FORECAST, "data.time_series.window_normalization=last");
        new Trainer(ProgressListener.NONE, new StopRequest()).train(config, data, RunDirectory.create(dir.resolve("run")));
        model = ModelFile.read(new RunDirectory(dir.resolve("run")).model());
    }

    @Test
    void theOriginsArePeriodAndStride() {
        Backtest.Result every = Backtest.withModel(model, series, new BacktestPlan("2020-02-10", "2020-03-01", 1, 0));
        // Forecast times 2020-02-10 .. 2020-02-29: 20 origins, the first forecasting 2020-02-10.
        assertEquals(20, every.origins());
        assertEquals("2020-02-10", every.stepTimes().get(0).get(0));
        assertEquals("2020-02-29", every.stepTimes().get(19).get(0));
        Backtest.Result weekly = Backtest.withModel(model, series, new BacktestPlan("2020-02-10", "2020-03-01", 7, 0));
        assertEquals(3, weekly.origins());
        assertEquals(List.of("2020-02-10", "2020-02-17", "2020-02-24"), weekly.stepTimes().stream().map(t -> t.get(0)).toList());
        assertEquals(2, weekly.report().targets().get(0).byStep().size(), "one score per horizon step");
    }

    @Test
    void nothingAfterAnOriginReachesItsForecast() throws Exception {
        // The same series with every value from 2020-02-20 on changed: forecasts made before that time must not move.
        List<String> lines = Files.readAllLines(series);
        List<String> changed = new ArrayList<>();
        for (String l : lines) {
            String[] c = l.split(",");
            changed.add(l.startsWith("date") || c[0].compareTo("2020-02-20") < 0 ? l : c[0] + "," + (Double.parseDouble(c[1]) + 50));
        }
        Path other = Files.write(dir.resolve("changed.csv"), changed);
        BacktestPlan plan = new BacktestPlan("2020-02-10", "2020-03-01", 1, 0);
        ForecastTarget a = Backtest.withModel(model, series, plan).targets().get(0);
        ForecastTarget b = Backtest.withModel(model, other, plan).targets().get(0);
        // Origin i forecasts 2020-02-(10+i) and the day after; its input ends the day before.
        for (int i = 0; i <= 9; i++) {
            assertArrayEquals(a.predicted()[i], b.predicted()[i], 0.0, "origin " + i + " saw only unchanged rows");
        }
        assertFalse(java.util.Arrays.equals(a.predicted()[11], b.predicted()[11]), "origin 11 reads changed rows");
    }

    @Test
    void refitFoldsTrainOnlyOnThePast() throws Exception {
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.FORECAST, "data.time_series.window_normalization=last");
        Path out = dir.resolve("refit");
        Backtest.Result r = Backtest.withRefit(config, dir.resolve("data"), new BacktestPlan("2020-02-20", null, 1, 2), out,
                new Trainer(ProgressListener.NONE, new StopRequest()));
        assertEquals(2, r.folds().size());
        Backtest.Fold first = r.folds().get(0);
        Backtest.Fold second = r.folds().get(1);
        assertEquals("2020-02-20", first.start());
        assertEquals(second.start(), first.end());
        assertTrue(first.validation().compareTo(first.start()) < 0);
        assertEquals(r.origins(), first.origins() + second.origins());
        for (Backtest.Fold f : r.folds()) {
            String yaml = Files.readString(Path.of(f.runDir()).resolve("config.yaml"));
            assertTrue(yaml.contains("validation_start: \"" + f.validation() + "\"") || yaml.contains("validation_start: '" + f.validation() + "'")
                    || yaml.contains("validation_start: " + f.validation()), yaml);
            assertTrue(yaml.contains("test_start: \"" + f.start() + "\"") || yaml.contains("test_start: " + f.start())
                    || yaml.contains("test_start: '" + f.start() + "'"), yaml);
            // Scalers are fitted on the fold's training rows only: the fold's own model, not the one trained on everything.
            assertTrue(Files.isRegularFile(Path.of(f.runDir()).resolve("model-best.zip")));
        }
        assertTrue(first.validation().compareTo(second.validation()) < 0, "the second fold trains on more of the past");
    }

    @Test
    void writesMetricsPerStepForecastsAndPlots() throws Exception {
        Backtest.Result r = Backtest.withModel(model, series, new BacktestPlan(null, null, 1, 0));
        Path out = dir.resolve("written");
        Files.createDirectories(out);
        List<String> names = Backtest.write(r, out).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("metrics.json", "metrics.txt", "forecasts.csv", "forecast-temp-step1.png", "forecast-temp-step2.png",
                "errors-by-step-temp.png"), names);
        List<String> csv = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals("origin,target,step,time,actual,model,persistence,seasonal_naive", csv.get(0));
        assertEquals(1 + r.origins() * 2, csv.size());
        assertTrue(Files.readString(out.resolve("metrics.txt")).contains("by horizon step"));
    }

    @Test
    void aPeriodWithoutOriginsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backtest.withModel(model, series, new BacktestPlan("2031-01-01", null, 1, 0)));
        assertTrue(e.getMessage().contains("no forecast origin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BacktestPlan("2020-03-01", "2020-02-01", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new BacktestPlan(null, null, 0, 0));
    }
}
