package dev.rnnkit.predict;

import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.data.generation.GenerationState;
import dev.rnnkit.modelfile.SavedModel;
import java.util.Random;
import dev.rnnkit.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples text from a next-token model, feeding one token at a time with {@code rnnTimeStep} so that the
 * recurrent state carries over between steps.
 */
public final class TextGenerator {

    private final Network network;
    private final GenerationState state;

    public TextGenerator(SavedModel model) {
        if (model.metadata().preprocessing().generation() == null) {
            throw new IllegalArgumentException(model.file() + ": not a generation model (output.type "
                    + model.metadata().config().output().type().yamlName() + ")");
        }
        this.network = model.network();
        this.state = model.metadata().preprocessing().generation();
    }

    /** What was generated: the continuation's ids and text (the prompt is not repeated). */
    public record Generated(int[] ids, String text) {
    }

    /** Rejects sampling settings that cannot work, one message per setting (the CLI checks before loading a model). */
    public static void checkSampling(int length, double temperature, int topK) {
        if (length < 0) {
            throw new IllegalArgumentException("--length must be at least 0, got " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("--temperature must be a finite number above 0 (e.g. 0.8), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("--top-k must be at least 0 (0 samples among all tokens), got " + topK);
        }
    }

    /**
     * Samples {@code length} tokens after {@code prompt}.
     *
     * @param prompt      text to start from; empty starts from the most frequent training token
     * @param temperature &gt; 0; below 1 sharpens, above 1 flattens the distribution
     * @param topK        sample among the k most likely tokens; 0 = all
     * @param seed        the sampling seed: the same seed gives the same text
     */
    public Generated generate(String prompt, int length, double temperature, int topK, long seed) {
        checkSampling(length, temperature, topK);
        int[] primer = state.encodeText(prompt);
        if (primer.length == 0) {
            // The vocabulary lists tokens by training frequency after <pad> and <unk>.
            primer = new int[] {Math.min(Vocabulary.UNKNOWN_ID + 1, state.vocabulary().size() - 1)};
        }
        Random random = new Random(seed);
        network.rnnClearPreviousState();
        INDArray out = network.rnnTimeStep(state.features(primer));
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            double[] p = lastStep(out);
            ids[i] = sample(p, temperature, topK, random);
            out = network.rnnTimeStep(state.features(new int[] {ids[i]}));
        }
        network.rnnClearPreviousState();
        return new Generated(ids, state.decode(ids));
    }

    /** The distribution of the last time step of a [1, V, T] output (or [1, V]). */
    private static double[] lastStep(INDArray out) {
        INDArray last = out.rank() == 3 ? out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(out.size(2) - 1)) : out.getRow(0);
        return last.toDoubleVector();
    }

    /** Samples an id; padding and unknown are never produced. */
    static int sample(double[] probabilities, double temperature, int topK, Random random) {
        double[] w = new double[probabilities.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = i == Vocabulary.PAD_ID || i == Vocabulary.UNKNOWN_ID ? 0 : Math.pow(Math.max(probabilities[i], 1e-12), 1.0 / temperature);
        }
        if (topK > 0 && topK < w.length) {
            double[] sorted = w.clone();
            java.util.Arrays.sort(sorted);
            double threshold = sorted[sorted.length - topK];
            int above = 0;
            for (double v : w) {
                above += v > threshold ? 1 : 0;
            }
            int tiesKept = 0;
            for (int i = 0; i < w.length; i++) {
                // Everything above the k-th value stays; ties at it fill the remaining places, lowest ids first.
                if (w[i] < threshold || (w[i] == threshold && tiesKept++ >= topK - above)) {
                    w[i] = 0;
                }
            }
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r < 0 && w[i] > 0) {
                return i;
            }
        }
        for (int i = w.length - 1; i >= 0; i--) {
            if (w[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("the vocabulary has no token to sample besides padding and unknown");
    }
}
