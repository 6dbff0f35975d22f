package dev.rnnkit.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums the negative log-likelihood of the true tokens over evaluation batches.
 *
 * <p>Feed it batch by batch ({@link #add(INDArray, INDArray, INDArray)} takes the network's softmax
 * output, one-hot labels and the label mask), then ask for {@link #scores()}. Not thread-safe.
 */
public final class CrossEntropyAccumulator {

    /**
     * Probabilities are floored here so a float32 softmax that underflowed to 0 costs about 87 nats,
     * not infinity; an honest model never gets near it.
     */
    public static final double MIN_PROBABILITY = Float.MIN_NORMAL;

    private double totalNats;
    private long tokens;

    /** Adds one token given the probability the model assigned to it. */
    public void addProbability(double probability) {
        if (!(probability >= 0 && probability <= 1 + 1e-6)) {
            throw new IllegalArgumentException("probability " + probability + " is outside [0, 1]");
        }
        addNats(-Math.log(Math.max(probability, MIN_PROBABILITY)));
    }

    /** Adds one token given its negative log-likelihood in nats. */
    public void addNats(double nats) {
        totalNats += nats;
        tokens++;
    }

    /**
     * Adds a batch of softmax outputs {@code [batch, vocab, time]} (or {@code [batch, vocab]}) with
     * one-hot labels of the same shape; masked steps ({@code mask} {@code [batch, time]}, 0 = padding) are skipped.
     */
    public void add(INDArray probabilities, INDArray labels, INDArray mask) {
        for (double p : ModelOutputs.trueClassProbabilities(probabilities, labels, mask)) {
            addProbability(p);
        }
    }

    /** Tokens added so far. */
    public long tokens() {
        return tokens;
    }

    /** Mean cross-entropy so far. */
    public CrossEntropyScores scores() {
        return CrossEntropyScores.fromTotal(totalNats, tokens);
    }
}
