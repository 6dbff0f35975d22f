package dev.rnnkit.model.chars;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The words of one minibatch that an encoder computes: unmasked tokens with at least one character.
 *
 * <p>Words are numbered in token order (example-major); word k is token {@code token[k] = b T + t}, has
 * {@code length[k]} characters and their ids at {@code chars[k L + l]}, l < length[k].
 */
final class Words {

    final int batch;
    final int maxChars;
    final int steps;
    final int count;
    final int[] token;
    final int[] length;
    final int[] chars;
    final int totalChars;
    final int longest;

    private Words(int batch, int maxChars, int steps, int count, int[] token, int[] length, int[] chars) {
        this.batch = batch;
        this.maxChars = maxChars;
        this.steps = steps;
        this.count = count;
        this.token = token;
        this.length = length;
        this.chars = chars;
        int total = 0;
        int max = 0;
        for (int k = 0; k < count; k++) {
            total += length[k];
            max = Math.max(max, length[k]);
        }
        this.totalChars = total;
        this.longest = max;
    }

    /**
     * Reads input [batch, L, T] of character ids and the token mask [batch, T] (null: every token real).
     *
     * @throws DL4JInvalidInputException for an id outside [0, vocabulary), not a whole number, or a non-zero id
     *                                   after a 0 within a real token
     */
    static Words read(INDArray input, INDArray mask, long vocabulary, HostCopy host, String layer) {
        if (input.rank() != 3) {
            throw new DL4JInvalidInputException("CharEncoder " + layer + " expects input [batch, maxChars, T] of character ids, got "
                    + java.util.Arrays.toString(input.shape()));
        }
        int batch = (int) input.size(0);
        int maxChars = (int) input.size(1);
        int steps = (int) input.size(2);
        double[] ids = host.values(input);
        double[] real = null;
        if (mask != null) {
            if (mask.length() != (long) batch * steps) {
                throw new DL4JInvalidInputException("CharEncoder " + layer + ": token mask of shape " + java.util.Arrays.toString(mask.shape())
                        + " does not match " + batch + " examples of " + steps + " tokens");
            }
            real = host.values(mask);
        }
        int tokens = batch * steps;
        int[] token = new int[tokens];
        int[] length = new int[tokens];
        int[] chars = new int[tokens * maxChars];
        int count = 0;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                if (real != null && real[b * steps + t] == 0) {
                    continue;
                }
                int n = 0;
                for (int l = 0; l < maxChars; l++) {
                    double v = ids[(b * maxChars + l) * steps + t];
                    int id = (int) v;
                    if (id != v || id < 0 || id >= vocabulary) {
                        throw new DL4JInvalidInputException("CharEncoder " + layer + ": character id " + v + " of example " + b
                                + ", token " + t + ", position " + l + " is not in the vocabulary [0, " + (vocabulary - 1) + "]");
                    }
                    if (id == 0) {
                        continue;
                    }
                    if (n != l) {
                        throw new DL4JInvalidInputException("CharEncoder " + layer + ": example " + b + ", token " + t
                                + " has character id " + id + " at position " + l + " after padding; pad on the right only");
                    }
                    chars[count * maxChars + n++] = id;
                }
                if (n > 0) {
                    token[count] = b * steps + t;
                    length[count] = n;
                    count++;
                }
            }
        }
        return new Words(batch, maxChars, steps, count, token, length, chars);
    }
}
