package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entity-level precision, recall and F1 of a sequence tagger, counted as conlleval counts them.
 *
 * <p>A predicted chunk is correct only when a gold chunk has the same type, start and end; a chunk
 * with the right span and the wrong type, or an overlapping one, is a false positive and leaves the
 * gold chunk missed. Token accuracy compares whole tags over every token given (pass unpadded sentences;
 * {@link ModelOutputs#argmaxPerStep} drops masked steps).
 */
public final class TaggingMetrics {

    private TaggingMetrics() {
    }

    /**
     * Scores predicted tag sequences against gold ones.
     *
     * @throws IllegalArgumentException when the sentence counts or lengths differ, or a tag does not fit the scheme
     */
    public static TaggingReport evaluate(List<List<String>> gold, List<List<String>> predicted, TagScheme scheme) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold has " + gold.size() + " sentences but predicted has " + predicted.size());
        }
        Tally tally = new Tally(scheme);
        for (int s = 0; s < gold.size(); s++) {
            tally.add(gold.get(s), predicted.get(s));
        }
        return tally.report();
    }

    /** Counts entities and tokens sentence by sentence, so that a file of any size is scored in bounded memory. */
    public static final class Tally {

        private final TagScheme scheme;
        private final Map<String, long[]> counts = new TreeMap<>(); // type -> {correct, predicted, gold}
        private long sentences;
        private long tokens;
        private long correctTokens;

        public Tally(TagScheme scheme) {
            this.scheme = scheme;
        }

        /**
         * Adds one sentence's gold and predicted tags.
         *
         * @throws IllegalArgumentException when the lengths differ or a tag does not fit the scheme
         */
        public void add(List<String> g, List<String> p) {
            long s = sentences++;
            if (g.size() != p.size()) {
                throw new IllegalArgumentException("sentence " + s + ": gold has " + g.size() + " tags but predicted has " + p.size());
            }
            for (int t = 0; t < g.size(); t++) {
                if (g.get(t).equals(p.get(t))) {
                    correctTokens++;
                }
            }
            tokens += g.size();
            List<EntitySpan> goldSpans = spans("gold", s, g, scheme);
            Set<EntitySpan> predictedSpans = new HashSet<>(spans("predicted", s, p, scheme));
            for (EntitySpan span : goldSpans) {
                long[] c = counts.computeIfAbsent(span.type(), k -> new long[3]);
                c[2]++;
                if (predictedSpans.contains(span)) {
                    c[0]++;
                }
            }
            for (EntitySpan span : predictedSpans) {
                counts.computeIfAbsent(span.type(), k -> new long[3])[1]++;
            }
        }

        /** The scores of every sentence added. */
        public TaggingReport report() {
            long correct = 0;
            long found = 0;
            long support = 0;
            List<ClassScores> perType = new ArrayList<>();
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                long[] c = e.getValue();
                perType.add(ClassScores.of(e.getKey(), c[0], c[1], c[2]));
                correct += c[0];
                found += c[1];
                support += c[2];
            }
            ClassScores micro = ClassScores.of("micro avg", correct, found, support);
            return new TaggingReport(scheme, tokens, correctTokens, Ratios.divide(correctTokens, tokens), micro, perType);
        }
    }

    private static List<EntitySpan> spans(String side, long sentence, List<String> tags, TagScheme scheme) {
        try {
            return EntityChunker.spans(tags, scheme);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(side + " sentence " + sentence + ", " + e.getMessage(), e);
        }
    }
}
