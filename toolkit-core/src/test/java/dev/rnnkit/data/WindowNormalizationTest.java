package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.config.TimeSeriesDataConfig.WindowNormalization;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Window normalisation takes each window's level out of its history and labels and puts it back exactly. */
class WindowNormalizationTest {

    @TempDir
    Path dir;

    private MultiDataSet firstValidationBatch(String mode) {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        PreparedData prepared = DataPipelines.prepare(TrainFixtures.config(TrainFixtures.FORECAST,
                "data.time_series.window_normalization=" + mode), data);
        var batches = prepared.validation();
        batches.reset();
        return batches.next();
    }

    private TimeSeriesState state(String mode) {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        return DataPipelines.prepare(TrainFixtures.config(TrainFixtures.FORECAST, "data.time_series.window_normalization=" + mode), data)
                .artefact().timeSeries();
    }

    @Test
    void lastMakesTheLastStepZeroAndTheLabelsChanges() {
        MultiDataSet none = firstValidationBatch("none");
        MultiDataSet last = firstValidationBatch("last");
        INDArray x = last.getFeatures(0);
        int lookback = (int) x.size(2);
        for (int i = 0; i < x.size(0); i++) {
            assertEquals(0.0, x.getDouble(i, 0, lookback - 1), 0.0, "window " + i);
            double level = none.getFeatures(0).getDouble(i, 0, lookback - 1);
            for (int h = 0; h < 2; h++) {
                assertEquals(none.getLabels(0).getDouble(i, h) - level, last.getLabels(0).getDouble(i, h), 1e-6);
                assertEquals(none.getFeatures(0).getDouble(i, 0, h) - level, x.getDouble(i, 0, h), 1e-6);
            }
            TimeSeriesState.WindowContext c = (TimeSeriesState.WindowContext) last.getExampleMetaData().get(i);
            assertEquals(level, c.level()[0], 1e-6);
        }
    }

    @Test
    void meanCentresEachWindow() {
        INDArray x = firstValidationBatch("mean").getFeatures(0);
        for (int i = 0; i < x.size(0); i++) {
            double sum = 0;
            for (int t = 0; t < x.size(2); t++) {
                sum += x.getDouble(i, 0, t);
            }
            assertEquals(0.0, sum / x.size(2), 1e-5, "window " + i);
        }
    }

    @Test
    void theRoundTripGivesBackOriginalUnitsAndZeroIsPersistence() {
        MultiDataSet none = firstValidationBatch("none");
        MultiDataSet last = firstValidationBatch("last");
        TimeSeriesState plain = state("none");
        TimeSeriesState normalised = state("last");
        double[][][] a = plain.inverseForecast(none.getLabels(0), none.getExampleMetaData());
        double[][][] b = normalised.inverseForecast(last.getLabels(0), last.getExampleMetaData());
        double[][][] persistence = normalised.inverseForecast(Nd4j.zeros(last.getLabels(0).shape()), last.getExampleMetaData());
        int lookback = (int) none.getFeatures(0).size(2);
        for (int i = 0; i < a.length; i++) {
            double lastObserved = plain.inverseTarget(0, none.getFeatures(0).getDouble(i, 0, lookback - 1));
            for (int h = 0; h < 2; h++) {
                assertEquals(a[i][h][0], b[i][h][0], 1e-4, "window " + i + " step " + h);
                assertEquals(lastObserved, persistence[i][h][0], 1e-4, "a zero change forecasts the last value");
            }
        }
    }

    @Test
    void theSettingTravelsInPreprocessingJson() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        PreparedData prepared = DataPipelines.prepare(TrainFixtures.config(TrainFixtures.FORECAST,
                "data.time_series.window_normalization=last"), data);
        prepared.artefact().save(dir.resolve("p.json"));
        TimeSeriesState restored = Preprocessing.load(dir.resolve("p.json")).timeSeries();
        assertEquals(WindowNormalization.LAST, restored.settings().windowNormalization());
        TimeSeriesState.ForecastData windows = restored.encode(data.resolve("series.csv"));
        INDArray x = windows.data().getFeatures(0);
        assertEquals(0.0, x.getDouble(0, 0, x.size(2) - 1), 0.0, "predict and evaluate normalise as training did");
        assertEquals(List.of("2020-01-07", "2020-01-08"), windows.targetTimestamps().get(0));
    }
}
