package dev.rnnkit.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces known token ids with the unknown id at random in training minibatches (word dropout).
 *
 * <p>Without it the unknown token's embedding is never trained when the vocabulary covers the whole training
 * split, yet every unseen word at test time maps to it. Draws depend only on the seed, the epoch and the
 * minibatch's position in the epoch, so a resumed run replaces the same tokens as an uninterrupted one.
 */
public final class WordDropout {

    private final double rate;
    private final long seed;

    /**
     * @param rate the probability of replacing each known token, in [0, 1)
     * @param seed the run's seed
     */
    public WordDropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("word dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
    }

    /**
     * Replaces ids in channel 0 of token features [b, C, T] (or [b, T]) in place: padding and unknown ids stay,
     * every other id becomes {@link Vocabulary#UNKNOWN_ID} with probability {@code rate}.
     */
    public void apply(INDArray features, int epoch, int batch) {
        long b = features.size(0);
        long steps = features.size(features.rank() - 1);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + ((long) epoch << 32) + batch);
        for (long i = 0; i < b; i++) {
            for (long t = 0; t < steps; t++) {
                double id = features.rank() == 3 ? features.getDouble(i, 0, t) : features.getDouble(i, t);
                if (id > Vocabulary.UNKNOWN_ID && random.nextDouble() < rate) {
                    if (features.rank() == 3) {
                        features.putScalar(new long[] {i, 0, t}, Vocabulary.UNKNOWN_ID);
                    } else {
                        features.putScalar(new long[] {i, t}, Vocabulary.UNKNOWN_ID);
                    }
                }
            }
        }
    }
}
