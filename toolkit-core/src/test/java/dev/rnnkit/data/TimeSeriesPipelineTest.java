package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.rows;
import static dev.rnnkit.data.Fixtures.steps;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.timeseries.ColumnScaler;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.model.DataShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class TimeSeriesPipelineTest {

    @TempDir
    Path dir;

    private static final String SERIES = """
            "Date","Temp","Hum"\r
            "2000-01-01",1,10\r
            "2000-01-02",2,20\r
            "2000-01-03",3,30\r
            "2000-01-04",4,40\r
            "2000-01-05",5,50\r
            "2000-01-06",6,60\r
            "2000-01-07",7,70\r
            "2000-01-08",8,80""";

    @Test
    void windowsScaledWithTrainingStatisticsOnlyAndInvertedBack() {
        write(dir, "series.csv", SERIES);
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: dense}
                output: {type: forecast, horizon: 2}
                data:
                  train: series.csv
                  prefetch: 0
                  time_series:
                    timestamp_columns: [Date]
                    target_columns: [Temp]
                    covariate_columns: [Hum]
                    lookback: 2
                    normalization: min_max
                    validation_start: "2000-01-05"
                """), dir);
        TimeSeriesState state = data.artefact().timeSeries();
        // Fitted on rows 1-4 only: Temp in [1, 4], Hum in [10, 40].
        assertEquals(List.of(new ColumnScaler("Temp", 1, 3), new ColumnScaler("Hum", 10, 30)), state.scalers());
        assertEquals(new DataShape(null, 2, null, 1), data.shape());

        org.nd4j.linalg.dataset.api.MultiDataSet train = data.train().next();
        assertArrayEquals(new long[]{1, 2, 2}, train.getFeatures(0).shape());
        assertEquals("0 0.3333 ; 0 0.3333", steps(train.getFeatures(0), 0)); // Temp 1,2 ; Hum 10,20
        assertEquals("0.6667 1", rows(train.getLabels(0)));                 // Temp 3,4

        // Validation windows forecast every validation row, reading their lookback from the training rows before.
        org.nd4j.linalg.dataset.api.MultiDataSet validation = data.validation().next();
        assertEquals("0.6667 1 ; 0.6667 1", steps(validation.getFeatures(0), 0)); // Temp 3,4 ; Hum 30,40
        assertEquals("1.3333 1.6667 ; 1.3333 1.6667", steps(validation.getFeatures(0), 2)); // beyond [0,1]: train-only fit
        assertEquals("1.3333 1.6667 | 1.6667 2 | 2 2.3333", rows(validation.getLabels(0))); // Temp 5,6 | 6,7 | 7,8
        double[][][] inverted = state.inverseForecast(validation.getLabels(0), validation.getExampleMetaData());
        assertEquals(7.0, inverted[2][0][0], 1e-6);
        assertEquals(8.0, inverted[2][1][0], 1e-6);

        TimeSeriesState.ForecastData all = state.encode(dir.resolve("series.csv"));
        assertEquals(5, all.data().getFeatures(0).size(0));
        assertEquals(List.of("2000-01-03", "2000-01-04"), all.targetTimestamps().get(0));
        assertEquals(List.of("2000-01-07", "2000-01-08"), all.targetTimestamps().get(4));
    }

    @Test
    void seasonLongerThanTheLookbackReadsHistoryFromEarlierSplits() {
        StringBuilder csv = new StringBuilder("d,v\n");
        for (int i = 1; i <= 12; i++) {
            csv.append(String.format("%02d,%d%n", i, i * 10));
        }
        write(dir, "s.csv", csv.toString());
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: dense}
                output: {type: forecast, horizon: 2}
                data:
                  train: s.csv
                  shuffle: false
                  prefetch: 0
                  time_series: {timestamp_columns: [d], target_columns: [v], lookback: 2, season: 4, normalization: none,
                                validation_start: "07", test_start: "10"}
                """), dir);
        // Test rows 10-12: 2 windows, whose first forecast steps are rows 10 and 11; one season (4 rows) of history each.
        org.nd4j.linalg.dataset.api.MultiDataSet test = data.test().next();
        assertEquals("100 110 | 110 120", rows(test.getLabels(0)));
        assertEquals("80 90 | 90 100", rows(test.getFeatures(0).reshape(2, 2)));
        float[][] first = ((TimeSeriesState.WindowContext) test.getExampleMetaData().get(0)).seasonal();
        float[][] second = ((TimeSeriesState.WindowContext) test.getExampleMetaData().get(1)).seasonal();
        assertArrayEquals(new float[] {60, 70, 80, 90}, first[0]);
        assertArrayEquals(new float[] {70, 80, 90, 100}, second[0]);
        // Validation rows 07-09, history from the training rows 03-06.
        assertEquals("70 80 | 80 90", rows(data.validation().next().getLabels(0)));
        // Training windows need only their lookback: none is lost to the season.
        assertEquals(3, data.train().next().getFeatures(0).size(0));
    }

    @Test
    void labelsAreStepMajorOverSeveralTargetsAndCategoriesOneHot() {
        write(dir, "s.csv", """
                t,a,b,wind
                1,1,10,NW
                2,2,20,SE
                3,3,30,NW
                4,4,40,SE
                """);
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: dense}
                output: {type: forecast, horizon: 2}
                data:
                  train: s.csv
                  shuffle: false
                  prefetch: 0
                  time_series: {target_columns: [a, b], categorical_columns: [wind], lookback: 1, normalization: none, stride: 1}
                """), dir);
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 4, 1}, b.getFeatures(0).shape()); // a, b, wind=NW, wind=SE
        assertEquals("1 ; 10 ; 1 ; 0", steps(b.getFeatures(0), 0));
        // index h * 2 + k: a(t+1), b(t+1), a(t+2), b(t+2)
        assertEquals("2 20 3 30 | 3 30 4 40", rows(b.getLabels(0)));
        assertEquals(new DataShape(null, 4, null, 2), data.shape());
    }

    @Test
    void missingValuesAreDroppedAsWindowsOrForwardFilled() {
        String csv = "d,v\n1,1\n2,2\n3,NA\n4,4\n5,5\n6,6\n";
        write(dir, "m.csv", csv);
        String yaml = """
                input: {type: dense}
                output: {type: forecast}
                data:
                  train: m.csv
                  shuffle: false
                  prefetch: 0
                  time_series: {target_columns: [v], lookback: 1, normalization: none, missing: %s}
                """;
        PreparedData dropped = DataPipelines.prepare(config(yaml.formatted("drop")), dir);
        assertEquals("1 | 4 | 5", rows(dropped.train().next().getFeatures(0).reshape(3, 1)));
        assertEquals(List.of("train: 2 of 5 windows dropped because they touch missing values"), dropped.summary().notes());
        PreparedData filled = DataPipelines.prepare(config(yaml.formatted("ffill")), dir);
        assertEquals("2 | 2 | 4 | 5 | 6", rows(filled.train().next().getLabels(0)));
    }

    @Test
    void sequenceRegressionPredictsTheNextValueAtEveryStep() {
        write(dir, "s.csv", "v\n1\n2\n3\n4\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: dense}
                output: {type: sequence_regression}
                data: {train: s.csv, shuffle: false, prefetch: 0, time_series: {target_columns: [v], lookback: 3, normalization: none}}
                """), dir);
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertEquals("1 2 3", steps(b.getFeatures(0), 0));
        assertEquals("2 3 4", steps(b.getLabels(0), 0));
        assertEquals("1 1 1", rows(b.getLabelsMaskArray(0)));
        assertEquals(3.0, data.artefact().timeSeries().inverseTarget(0, Nd4j.scalar(3.0).getDouble(0)), 0);
    }
}
