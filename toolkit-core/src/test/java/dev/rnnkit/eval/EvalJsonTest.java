package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalJsonTest {

    @TempDir
    Path dir;

    private <T> T roundTrip(T report, Class<T> type, String name) throws Exception {
        Path file = dir.resolve(name.replace(".json", "")).resolve(name);
        EvalJson.write(report, file);
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file is left behind");
        }
        return EvalJson.read(file, type);
    }

    @Test
    void classificationReportRoundTrips() throws Exception {
        ClassificationReport r = ClassificationMetricsTest.handReport();
        assertEquals(r, roundTrip(r, ClassificationReport.class, "classification.json"));
        String json = EvalJson.toJson(r);
        assertTrue(json.contains("\"macro_f1\" : 0.6031746031746"), json);
        assertTrue(json.contains("\"confusion_matrix\" : {"), json);
        assertTrue(json.contains("\"log_loss\" : null"), json);
    }

    @Test
    void taggingReportRoundTrips() throws Exception {
        TaggingReport r = TaggingMetrics.evaluate(List.of(List.of("B-PER", "I-PER", "O")), List.of(List.of("B-PER", "O", "O")), TagScheme.IOBES);
        assertEquals(r, roundTrip(r, TaggingReport.class, "tagging.json"));
        assertTrue(EvalJson.toJson(r).contains("\"scheme\" : \"IOBES\""));
    }

    @Test
    void forecastReportWithNullsRoundTrips() throws Exception {
        ForecastReport r = ForecastMetricsTest.handReport();
        assertEquals(r, roundTrip(r, ForecastReport.class, "forecast.json"));
        ForecastTarget flat = new ForecastTarget("flat", new double[][] {{0}}, new double[][] {{1}}, new double[][] {{5}}, new double[] {5, 5});
        ForecastReport withNulls = ForecastMetrics.evaluate(List.of(flat), 1);
        assertEquals(withNulls, roundTrip(withNulls, ForecastReport.class, "flat.json"));
        String json = EvalJson.toJson(withNulls);
        assertTrue(json.contains("\"mape_skipped_zeros\" : 1"), json);
        assertTrue(json.contains("\"mase\" : null"), json);
    }

    @Test
    void languageModelReportRoundTrips() throws Exception {
        LanguageModelReport r = new LanguageModelReport(CrossEntropyScores.fromTotal(3.0, 2), UnigramBaseline.fit(2, new int[] {0}).score(new int[] {1}));
        assertEquals(r, roundTrip(r, LanguageModelReport.class, "lm.json"));
        assertTrue(EvalJson.toJson(r).contains("\"bits_per_token\""));
    }

    @Test
    void unreadableFileGivesOneLineError() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"examples\": \"many\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalJson.read(file, ClassificationReport.class));
        assertTrue(e.getMessage().startsWith(file + ": not a ClassificationReport JSON file: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
