package dev.rnnkit.eval;

/**
 * A unigram model of the training tokens with add-one smoothing: {@code p(w) = (count(w) + 1) / (N + V)}.
 *
 * <p>Its cross-entropy on validation tokens is the floor a sequence model must beat.
 */
public final class UnigramBaseline {

    private final long[] counts;
    private final long total;

    private UnigramBaseline(long[] counts, long total) {
        this.counts = counts;
        this.total = total;
    }

    /**
     * Counts training token ids.
     *
     * @param vocabSize V: every id must be below it, and each id gets one pseudo-count
     */
    public static UnigramBaseline fit(int vocabSize, int[] trainingTokens) {
        if (vocabSize < 1) {
            throw new IllegalArgumentException("vocab_size must be at least 1, got " + vocabSize);
        }
        long[] counts = new long[vocabSize];
        for (int i = 0; i < trainingTokens.length; i++) {
            counts[checkId(trainingTokens[i], vocabSize, "training token " + i)]++;
        }
        return new UnigramBaseline(counts, trainingTokens.length);
    }

    /** A baseline from per-id training counts (index = token id), e.g. as stored with a model. */
    public static UnigramBaseline fromCounts(long[] counts) {
        if (counts.length < 1) {
            throw new IllegalArgumentException("vocab_size must be at least 1, got 0");
        }
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts must be >= 0, got " + c);
            }
            total += c;
        }
        return new UnigramBaseline(counts.clone(), total);
    }

    /** The training count of every id. */
    public long[] counts() {
        return counts.clone();
    }

    /** Smoothed probability of one token id. */
    public double probability(int token) {
        checkId(token, counts.length, "token");
        return (counts[token] + 1.0) / (total + counts.length);
    }

    /** Cross-entropy of this distribution on the given tokens. */
    public CrossEntropyScores score(int[] tokens) {
        return CrossEntropyScores.fromTotal(totalNats(tokens), tokens.length);
    }

    /** The summed negative log probability (nats) of the given tokens, to add up over batches. */
    public double totalNats(int[] tokens) {
        double sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            checkId(tokens[i], counts.length, "token " + i);
            sum -= Math.log(probability(tokens[i]));
        }
        return sum;
    }

    private static int checkId(int id, int vocabSize, String what) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException(what + " has id " + id + ", outside the vocabulary 0.." + (vocabSize - 1));
        }
        return id;
    }
}
