package dev.rnnkit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking follows the goal, runs without a value go last, and the files say the same as the table. */
class LeaderboardTest {

    @TempDir
    Path dir;

    private static Leaderboard.Row row(String label, String cell, String lr, Double value, String state) {
        return new Leaderboard.Row(0, label, Map.of("cell", cell, "lr", lr), state, value, 3, 5, 10.0, 12.0, "/runs/" + label,
                value == null ? "broke" : null);
    }

    private static List<Leaderboard.Row> rows() {
        return List.of(row("a", "gru", "0.001", 0.5, "done"), row("b", "lstm", "0.01", null, "failed"),
                row("c", "lstm", "0.1", 0.3, "done"), row("d", "rnn", "1.0", 0.9, "done"));
    }

    @Test
    void minimisingPutsTheSmallestFirstAndFailuresLast() {
        Leaderboard b = Leaderboard.rank("mae", MetricSplit.VALIDATION, Goal.MINIMIZE, List.of("cell", "lr"), rows());
        assertEquals(List.of("c", "a", "d", "b"), b.rows().stream().map(Leaderboard.Row::label).toList());
        assertEquals(List.of(1, 2, 3, 0), b.rows().stream().map(Leaderboard.Row::rank).toList());
    }

    @Test
    void maximisingPutsTheLargestFirst() {
        Leaderboard b = Leaderboard.rank("accuracy", MetricSplit.TEST, Goal.MAXIMIZE, List.of("cell", "lr"), rows());
        assertEquals(List.of("d", "a", "c", "b"), b.rows().stream().map(Leaderboard.Row::label).toList());
        assertTrue(b.table().lines().skip(2).findFirst().orElseThrow().startsWith("1"), b.table());
        assertTrue(b.table().contains("test accuracy (max)"), b.table());
        assertTrue(b.table().contains("failed: broke"), b.table());
    }

    @Test
    void csvJsonAndChartsAreWritten() throws IOException {
        Leaderboard b = Leaderboard.rank("mae", MetricSplit.VALIDATION, Goal.MINIMIZE, List.of("cell", "lr"), rows());
        List<Path> files = b.writeAll(dir);
        assertEquals(List.of("leaderboard.txt", "leaderboard.csv", "leaderboard.json", "leaderboard-cell.png", "leaderboard-lr.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("leaderboard.csv").toFile())) {
            List<Map<String, String>> csv = it.readAll();
            assertEquals(4, csv.size());
            assertEquals("c", csv.get(0).get("trial"));
            assertEquals("1", csv.get(0).get("rank"));
            assertEquals("0.3", csv.get(0).get("mae"));
            assertEquals("lstm", csv.get(0).get("cell"));
            assertEquals("", csv.get(3).get("mae"));
            assertEquals("broke", csv.get(3).get("error"));
        }
        assertTrue(Files.readString(dir.resolve("leaderboard.json")).contains("\"metric\" : \"mae\""));
        assertEquals(900, ImageIO.read(dir.resolve("leaderboard-lr.png").toFile()).getWidth());
    }

    @Test
    void noChartForASettingWithoutScoredRuns() {
        Leaderboard b = Leaderboard.rank("mae", MetricSplit.VALIDATION, Goal.MINIMIZE, List.of("cell"),
                List.of(row("b", "lstm", "0.01", null, "failed")));
        assertNull(LeaderboardChart.chart(b, "cell", dev.rnnkit.eval.plot.ChartSize.DEFAULT));
    }

    @Test
    void keysBecomeReadableFileNames() {
        assertEquals("encoder-0-cell_type", LeaderboardChart.fileName("encoder[0].cell_type"));
        assertEquals("training-optimizer-learning_rate", LeaderboardChart.fileName("training.optimizer.learning_rate"));
    }
}
