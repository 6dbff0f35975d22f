package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceMatchMetricsTest {

    @TempDir
    Path dir;

    /**
     * Four pairs: exact (10 of 10 characters), one wrong digit (9 of 10), one character short (9 of 10:
     * the missing position counts), one too long (3 of 4). Exact 1/4; characters 31 of 34.
     */
    static SequenceMatchReport known() {
        return SequenceMatchMetrics.evaluate(
                List.of("1987-03-03", "2001-12-31", "1950-01-01", "596"),
                List.of("1987-03-03", "2001-12-30", "1950-01-0", "5966"));
    }

    @Test
    void countsExactMatchesAndCharactersAtTheLongerLength() {
        SequenceMatchReport r = known();
        assertEquals(4, r.sequences());
        assertEquals(1, r.exactMatches());
        assertEquals(0.25, r.exactMatch(), 1e-12);
        assertEquals(34, r.characters());
        assertEquals(31, r.correctCharacters());
        assertEquals(31.0 / 34, r.characterAccuracy(), 1e-12);
        assertEquals(List.of(new SequenceMatchReport.Mismatch(1, "2001-12-31", "2001-12-30"),
                new SequenceMatchReport.Mismatch(2, "1950-01-01", "1950-01-0"),
                new SequenceMatchReport.Mismatch(3, "596", "5966")), r.firstMismatches());
        assertEquals("exact match 0.2500 (1/4), character accuracy 0.9118", r.summary());
    }

    @Test
    void comparesCodePointsNotCharsAndHandlesEmptyInput() {
        // "😀" is two Java chars but one character.
        SequenceMatchReport r = SequenceMatchMetrics.evaluate(List.of("a😀b"), List.of("a😀c"));
        assertEquals(3, r.characters());
        assertEquals(2, r.correctCharacters());
        SequenceMatchReport none = SequenceMatchMetrics.evaluate(List.of(), List.of());
        assertEquals(0.0, none.exactMatch());
        assertEquals(0.0, none.characterAccuracy());
        assertEquals("reference has 1 sequences but predicted has 0",
                assertThrows(IllegalArgumentException.class, () -> SequenceMatchMetrics.evaluate(List.of("a"), List.of())).getMessage());
    }

    @Test
    void writesTableAndJson() {
        SequenceMatchReport r = known();
        Path file = dir.resolve("seq2seq.json");
        EvalJson.write(r, file);
        assertEquals(r, EvalJson.read(file, SequenceMatchReport.class));
        assertEquals("""
                sequences  exact_match  character_accuracy  characters
                ------------------------------------------------------
                        4       0.2500              0.9118          34
                index  reference   predicted
                -----------------------------
                    1  2001-12-31  2001-12-30
                    2  1950-01-01  1950-01-0
                    3  596         5966
                """, r.toTable());
    }
}
