package dev.rnnkit.eval;

import java.util.List;
import java.util.Locale;

/**
 * How well decoded sequences match their references: whole-sequence exact match and per-character accuracy.
 *
 * @param sequences         sequences scored
 * @param exactMatches      sequences decoded exactly (every character, same length)
 * @param exactMatch        exactMatches / sequences
 * @param characters        characters compared: per sequence the longer of reference and prediction, in code points
 * @param correctCharacters positions where prediction and reference have the same character
 * @param characterAccuracy correctCharacters / characters
 * @param firstMismatches   the first few sequences decoded wrongly, in input order
 */
public record SequenceMatchReport(long sequences, long exactMatches, double exactMatch, long characters,
                                  long correctCharacters, double characterAccuracy, List<Mismatch> firstMismatches) {

    /**
     * One wrongly decoded sequence.
     *
     * @param index     its position in the scored lists (evaluation order: examples are batched by length)
     * @param reference the expected text
     * @param predicted the decoded text
     */
    public record Mismatch(long index, String reference, String predicted) {
    }

    /** Copies the list so the record is immutable. */
    public SequenceMatchReport {
        firstMismatches = List.copyOf(firstMismatches);
    }

    /** One row of scores, then the first mismatches. */
    public String toTable() {
        String scores = MetricsTable.withColumns("sequences", "exact_match", "character_accuracy", "characters")
                .row(sequences, exactMatch, characterAccuracy, characters).render();
        if (firstMismatches.isEmpty()) {
            return scores;
        }
        MetricsTable wrong = MetricsTable.withColumns("index", "reference", "predicted");
        for (Mismatch m : firstMismatches) {
            wrong.row(m.index(), m.reference(), m.predicted());
        }
        return scores + wrong.render();
    }

    /** The one-line result, e.g. {@code exact match 0.9500 (95/100), character accuracy 0.9870}. */
    public String summary() {
        return String.format(Locale.ROOT, "exact match %.4f (%d/%d), character accuracy %.4f",
                exactMatch, exactMatches, sequences, characterAccuracy);
    }
}
