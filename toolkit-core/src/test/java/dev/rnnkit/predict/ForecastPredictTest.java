package dev.rnnkit.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.eval.EvalJson;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict on a CSV: labelled windows, then the horizon after the file's last row. */
class ForecastPredictTest {

    @TempDir
    static Path dir;

    private static SavedModel model;

    /**
     * Lookback 6, horizon 2, trained two epochs on a daily series around 1000, unscaled, with window normalisation
     * {@code last}: the network sees changes from each window's last value, so a forecast is near 1000 only if the level
     * is added back.
     */
    @BeforeAll
    static void train() throws IOException {
        StringBuilder sb = new StringBuilder("date,temp\n");
        LocalDateTime d = LocalDateTime.of(2020, 1, 1, 0, 0);
        for (int i = 0; i < 80; i++) {
            sb.append(d.plusDays(i).toLocalDate()).append(',').append(1000 + 3 * (i % 3) + 0.1 * i).append('\n');
        }
        TrainFixtures.write(dir.resolve("data"), "series.csv", sb.toString());
        RunDirectory run = new Trainer(ProgressListener.NONE, new StopRequest()).train(TrainFixtures.config(TrainFixtures.FORECAST,
                        "data.time_series.window_normalization=last", "data.time_series.normalization=none"),
                dir.resolve("data"), RunDirectory.create(dir.resolve("run"))).run();
        model = ModelFile.read(run.model());
    }

    /** A CSV of {@code n} rows from {@code first}, one {@code step} apart, written with {@code format}, values around 1000. */
    private static Path series(String name, int n, LocalDateTime first, java.time.Duration step, String format) {
        StringBuilder sb = new StringBuilder("date,temp\n");
        for (int i = 0; i < n; i++) {
            sb.append(first.plus(step.multipliedBy(i)).format(DateTimeFormatter.ofPattern(format))).append(',')
                    .append(1000 + 3 * (i % 3) + 0.1 * i).append('\n');
        }
        TrainFixtures.write(dir, name, sb.toString());
        return dir.resolve(name);
    }

    private static List<JsonNode> predict(Path csv) {
        List<JsonNode> lines = new ArrayList<>();
        new Predictor(model).predictCsv(csv, s -> {
            try {
                lines.add(EvalJson.mapper().readTree(s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return lines;
    }

    @Test
    void dailyDataIsForecastPastItsLastRow() {
        List<JsonNode> lines = predict(series("daily.csv", 9, LocalDateTime.of(2020, 5, 1, 0, 0), java.time.Duration.ofDays(1), "yyyy-MM-dd"));
        // Windows of 6 + 2 rows start at rows 0 and 1; then the 2 days after 2020-05-09.
        assertEquals(3, lines.size());
        assertEquals("[\"2020-05-07\",\"2020-05-08\"]", lines.get(0).path("timestamps").toString());
        assertFalse(lines.get(0).path("future").asBoolean(true));
        assertFalse(lines.get(1).path("future").asBoolean(true));
        JsonNode future = lines.get(2);
        assertTrue(future.path("future").asBoolean());
        assertEquals("[\"2020-05-10\",\"2020-05-11\"]", future.path("timestamps").toString());
        assertEquals("[1,2]", future.path("steps").toString());
        assertEquals(2, future.path("forecast").path("temp").size());
    }

    @Test
    void exactlyLookbackRowsOfHourlyDataGiveOneFutureLine() {
        List<JsonNode> lines = predict(series("hourly.csv", 6, LocalDateTime.of(2020, 12, 31, 20, 0), java.time.Duration.ofHours(1),
                "yyyy-MM-dd HH:mm:ss"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).path("future").asBoolean());
        assertEquals("[\"2021-01-01 02:00:00\",\"2021-01-01 03:00:00\"]", lines.get(0).path("timestamps").toString());
    }

    @Test
    void theFutureWindowIsForecastLikeALabelledWindowWithTheSameHistory() {
        LocalDateTime first = LocalDateTime.of(2020, 5, 1, 0, 0);
        List<JsonNode> eight = predict(series("eight.csv", 8, first, java.time.Duration.ofDays(1), "yyyy-MM-dd"));
        JsonNode future = eight.get(eight.size() - 1);
        assertTrue(future.path("future").asBoolean());
        // Two more rows: its last labelled window reads the same 6 rows of history and labels the 2 future days.
        List<JsonNode> longer = predict(series("ten.csv", 10, first, java.time.Duration.ofDays(1), "yyyy-MM-dd"));
        JsonNode labelled = longer.get(longer.size() - 2);
        assertFalse(labelled.path("future").asBoolean(true));
        assertEquals(labelled.path("timestamps"), future.path("timestamps"));
        for (int h = 0; h < 2; h++) {
            double v = future.path("forecast").path("temp").get(h).asDouble();
            assertEquals(labelled.path("forecast").path("temp").get(h).asDouble(), v, 1e-9);
            // Unscaled data around 1000: without its level the forecast would be a change near 0.
            assertEquals(1000, v, 50, "the window's level is added back");
        }
    }

    @Test
    void timestampsThatAreNotDatesLeaveTheFutureStepsNumbered() {
        StringBuilder sb = new StringBuilder("date,temp\n");
        for (int i = 1; i <= 8; i++) {
            sb.append("d").append(i).append(',').append(1000 + i).append('\n');
        }
        TrainFixtures.write(dir, "text.csv", sb.toString());
        List<JsonNode> lines = predict(dir.resolve("text.csv"));
        assertEquals(2, lines.size());
        assertEquals("[\"d7\",\"d8\"]", lines.get(0).path("timestamps").toString());
        assertTrue(lines.get(1).path("timestamps").isNull());
        assertEquals("[1,2]", lines.get(1).path("steps").toString());
        assertTrue(lines.get(1).path("future").asBoolean());
    }

    @Test
    void fewerRowsThanTheLookbackFail() {
        Path csv = series("short.csv", 5, LocalDateTime.of(2020, 5, 1, 0, 0), java.time.Duration.ofDays(1), "yyyy-MM-dd");
        DataFormatException e = assertThrows(DataFormatException.class, () -> predict(csv));
        assertTrue(e.reason().startsWith("too few complete rows: a forecast past the end needs the last 6 rows"), e.reason());
    }
}
