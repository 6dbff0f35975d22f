package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores decoded sequences (seq2seq outputs) against references: exact match and per-character accuracy.
 *
 * <p>Characters are compared position by position as Unicode code points; a prediction that is too short
 * or too long loses every position past the shorter text, so the denominator per pair is the longer length.
 */
public final class SequenceMatchMetrics {

    /** Mismatches kept in a report as examples. */
    public static final int KEEP_MISMATCHES = 10;

    private SequenceMatchMetrics() {
    }

    /**
     * Scores {@code predicted} against {@code reference}, pair by pair.
     *
     * @throws IllegalArgumentException when the lists differ in size
     */
    public static SequenceMatchReport evaluate(List<String> reference, List<String> predicted) {
        if (reference.size() != predicted.size()) {
            throw new IllegalArgumentException("reference has " + reference.size() + " sequences but predicted has " + predicted.size());
        }
        Tally tally = new Tally();
        for (int i = 0; i < reference.size(); i++) {
            tally.add(reference.get(i), predicted.get(i));
        }
        return tally.report();
    }

    /** Counts matches pair by pair, so that a file of any size is scored in bounded memory. */
    public static final class Tally {

        private long pairs;
        private long exact;
        private long characters;
        private long correct;
        private final List<SequenceMatchReport.Mismatch> mismatches = new ArrayList<>();

        /** Adds one reference and its prediction. */
        public void add(String reference, String predicted) {
            int[] r = reference.codePoints().toArray();
            int[] p = predicted.codePoints().toArray();
            characters += Math.max(r.length, p.length);
            for (int j = 0; j < Math.min(r.length, p.length); j++) {
                correct += r[j] == p[j] ? 1 : 0;
            }
            if (reference.equals(predicted)) {
                exact++;
            } else if (mismatches.size() < KEEP_MISMATCHES) {
                mismatches.add(new SequenceMatchReport.Mismatch(pairs, reference, predicted));
            }
            pairs++;
        }

        /** The scores of every pair added. */
        public SequenceMatchReport report() {
            return new SequenceMatchReport(pairs, exact, Ratios.divide(exact, pairs), characters, correct,
                    Ratios.divide(correct, characters), mismatches);
        }
    }
}
