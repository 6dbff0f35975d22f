package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.seq2seq.SyntheticPairs;
import dev.rnnkit.data.seq2seq.SyntheticPairs.Pair;
import dev.rnnkit.data.seq2seq.SyntheticPairs.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's self-made data is seeded, correct, disjoint across splits and covers every format. */
class SyntheticPairsTest {

    @TempDir
    Path dir;

    @Test
    void dateFormatsRenderTheDocumentedExamples() {
        LocalDate d = LocalDate.of(1987, 3, 3);
        assertEquals(List.of("3 march 1987", "03/03/87", "March 3, 1987", "1987.03.03", "tuesday 3 mar 1987", "03-MAR-1987",
                        "Tue, Mar 3, 1987", "3.3.1987"),
                SyntheticPairs.DATE_FORMATS.stream().map(f -> f.render(d)).toList());
    }

    @Test
    void sameSeedSameSplitsOtherSeedOtherSplits() {
        List<Integer> counts = List.of(50, 10, 10);
        for (Task task : Task.values()) {
            assertEquals(SyntheticPairs.splits(task, counts, 3), SyntheticPairs.splits(task, counts, 3));
            assertNotEquals(SyntheticPairs.splits(task, counts, 3), SyntheticPairs.splits(task, counts, 4));
        }
    }

    @Test
    void splitsAreDisjointAndTargetsCorrect() {
        Map<String, Set<LocalDate>> readings = allDateReadings();
        for (Task task : Task.values()) {
            List<List<Pair>> splits = SyntheticPairs.splits(task, List.of(2000, 300, 300), 11);
            assertEquals(List.of(2000, 300, 300), splits.stream().map(List::size).toList());
            Set<String> sources = new HashSet<>();
            for (List<Pair> split : splits) {
                for (Pair p : split) {
                    assertTrue(sources.add(p.source()), task + ": " + p.source() + " appears twice");
                    assertEquals(expectedTarget(task, p.source(), readings), p.target(), p.source());
                }
            }
        }
    }

    /** Every text any format gives for any date in range, with the dates it can be read as. */
    private static Map<String, Set<LocalDate>> allDateReadings() {
        Map<String, Set<LocalDate>> readings = new HashMap<>();
        for (LocalDate d = SyntheticPairs.FIRST_DATE; !d.isAfter(SyntheticPairs.LAST_DATE); d = d.plusDays(1)) {
            for (SyntheticPairs.DateFormat f : SyntheticPairs.DATE_FORMATS) {
                readings.computeIfAbsent(f.render(d), k -> new HashSet<>()).add(d);
            }
        }
        return readings;
    }

    /** The target computed independently of the generator: by parsing the sum, or from the only date the text can be. */
    private static String expectedTarget(Task task, String source, Map<String, Set<LocalDate>> readings) {
        if (task == Task.ADDITION) {
            String[] ab = source.split("\\+");
            return Integer.toString(Integer.parseInt(ab[0]) + Integer.parseInt(ab[1]));
        }
        Set<LocalDate> dates = readings.get(source);
        assertEquals(1, dates.size(), "readings of '" + source + "': " + dates);
        return dates.iterator().next().toString();
    }

    @Test
    void everyDateFormatAndOperandLengthAppears() {
        List<Pair> pairs = SyntheticPairs.splits(Task.DATES, List.of(400), 5).get(0);
        for (SyntheticPairs.DateFormat f : SyntheticPairs.DATE_FORMATS) {
            long n = pairs.stream().filter(p -> f.render(LocalDate.parse(p.target())).equals(p.source())).count();
            assertTrue(n >= 20, f + " rendered " + n + " of 400 dates");
        }
        assertTrue(pairs.stream().allMatch(p -> p.target().matches("(19[5-9]\\d|20[0-4]\\d)-\\d\\d-\\d\\d")));
        Set<Integer> lengths = new HashSet<>();
        for (Pair p : SyntheticPairs.splits(Task.ADDITION, List.of(200), 5).get(0)) {
            for (String operand : p.source().split("\\+")) {
                lengths.add(operand.length());
            }
        }
        assertEquals(Set.of(1, 2, 3), lengths);
    }

    @Test
    void writesHeaderlessTsvFilesPerSplit() throws Exception {
        List<Path> files = SyntheticPairs.write(Task.ADDITION, dir.resolve("generated/addition"), 5, 2, 3, 9);
        assertEquals(List.of("train.tsv", "validation.tsv", "test.tsv"), files.stream().map(f -> f.getFileName().toString()).toList());
        List<List<Pair>> splits = SyntheticPairs.splits(Task.ADDITION, List.of(5, 2, 3), 9);
        for (int i = 0; i < 3; i++) {
            List<String> lines = Files.readAllLines(files.get(i));
            assertEquals(splits.get(i).stream().map(p -> p.source() + "\t" + p.target()).toList(), lines);
        }
        try (var left = Files.list(dir.resolve("generated/addition"))) {
            assertEquals(3, left.count(), "no temporary files are left behind");
        }
    }

    @Test
    void refusesMoreThanHalfTheDistinctSourcesAndUnknownTasks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticPairs.splits(Task.ADDITION, List.of(400_000, 100_001), 1));
        assertEquals("task addition has 1000000 distinct sources; ask for at most 500000 pairs, got 500001", e.getMessage());
        assertEquals(36525L * 8, Task.DATES.distinctSources());
        assertEquals(Task.DATES, Task.of("dates"));
        assertEquals("unknown task 'sums'; expected dates or addition",
                assertThrows(IllegalArgumentException.class, () -> Task.of("sums")).getMessage());
    }
}
