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
        long exact = 0;
        long characters = 0;
        long correct = 0;
        List<SequenceMatchReport.Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            int[] r = reference.get(i).codePoints().toArray();
            int[] p = predicted.get(i).codePoints().toArray();
            characters += Math.max(r.length, p.length);
            for (int j = 0; j < Math.min(r.length, p.length); j++) {
                correct += r[j] == p[j] ? 1 : 0;
            }
            if (reference.get(i).equals(predicted.get(i))) {
                exact++;
            } else if (mismatches.size() < KEEP_MISMATCHES) {
                mismatches.add(new SequenceMatchReport.Mismatch(i, reference.get(i), predicted.get(i)));
            }
        }
        long n = reference.size();
        return new SequenceMatchReport(n, exact, Ratios.divide(exact, n), characters, correct,
                Ratios.divide(correct, characters), mismatches);
    }
}
