package dev.rnnkit.data;

import dev.rnnkit.config.InputType;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds batch tensors in DL4J's recurrent layout [batch, features, time], sequences end-padded.
 *
 * <p>Masks are [batch, time] with 1 for real steps. Arrays are filled in Java and copied once, which is
 * much faster than element-wise {@code putScalar} calls.
 */
public final class Tensors {

    private Tensors() {
    }

    /** The longest sequence of a batch. */
    public static int maxLength(List<int[]> sequences) {
        int t = 0;
        for (int[] s : sequences) {
            t = Math.max(t, s.length);
        }
        return t;
    }

    /**
     * Token features: embedding input → [b, 1, T] ids as floats (0 = padding); one_hot → [b, V, T].
     */
    public static INDArray tokenFeatures(List<int[]> ids, int steps, InputType type, int vocabSize) {
        if (type == InputType.ONE_HOT) {
            return oneHotSequences(ids, vocabSize, steps);
        }
        int b = ids.size();
        float[] data = new float[b * steps];
        for (int i = 0; i < b; i++) {
            int[] s = ids.get(i);
            for (int t = 0; t < s.length; t++) {
                data[i * steps + t] = s[t];
            }
        }
        return Nd4j.create(data, new long[]{b, 1, steps}, 'c');
    }

    /**
     * The input of a token batch: {@link #tokenFeatures(List, int, InputType, int)} without word features, else
     * {@link #tokenFeatures(List, List, List, int)}.
     */
    public static INDArray tokenFeatures(List<int[]> ids, List<int[][]> wordClasses, List<dev.rnnkit.config.WordFeature> features,
                                         int steps, InputType type, int vocabSize) {
        return features.isEmpty() ? tokenFeatures(ids, steps, type, vocabSize) : tokenFeatures(ids, wordClasses, features, steps);
    }

    /**
     * Token ids with word features: [b, 1 + K, T]. Channel 0 holds the ids (0 = padding); then each feature
     * of {@code features} in order is a one-hot block of its width (K = the sum of the widths) holding
     * {@code classes.get(i)[feature][t]}. Padding steps are zero in every channel.
     */
    public static INDArray tokenFeatures(List<int[]> ids, List<int[][]> classes, List<dev.rnnkit.config.WordFeature> features, int steps) {
        int channels = 1 + dev.rnnkit.config.WordFeature.totalWidth(features);
        int b = ids.size();
        float[] data = new float[b * channels * steps];
        for (int i = 0; i < b; i++) {
            int[] s = ids.get(i);
            int row = i * channels * steps;
            for (int t = 0; t < s.length; t++) {
                data[row + t] = s[t];
            }
            int offset = 1;
            for (int f = 0; f < features.size(); f++) {
                int[] c = classes.get(i)[f];
                for (int t = 0; t < c.length; t++) {
                    data[row + (offset + c[t]) * steps + t] = 1f;
                }
                offset += features.get(f).width();
            }
        }
        return Nd4j.create(data, new long[]{b, channels, steps}, 'c');
    }

    /** One-hot sequences [b, C, T]; steps past a sequence's end are all zero. */
    public static INDArray oneHotSequences(List<int[]> classes, int numClasses, int steps) {
        int b = classes.size();
        float[] data = new float[b * numClasses * steps];
        for (int i = 0; i < b; i++) {
            int[] s = classes.get(i);
            for (int t = 0; t < s.length; t++) {
                data[(i * numClasses + s[t]) * steps + t] = 1f;
            }
        }
        return Nd4j.create(data, new long[]{b, numClasses, steps}, 'c');
    }

    /** One-hot rows [b, C]. */
    public static INDArray oneHotRows(int[] classes, int numClasses) {
        float[] data = new float[classes.length * numClasses];
        for (int i = 0; i < classes.length; i++) {
            data[i * numClasses + classes[i]] = 1f;
        }
        return Nd4j.create(data, new long[]{classes.length, numClasses}, 'c');
    }

    /** A [b, T] mask with 1 on the first length(i) steps of row i. */
    public static INDArray mask(List<int[]> sequences, int steps) {
        int b = sequences.size();
        float[] data = new float[b * steps];
        for (int i = 0; i < b; i++) {
            java.util.Arrays.fill(data, i * steps, i * steps + sequences.get(i).length, 1f);
        }
        return Nd4j.create(data, new long[]{b, steps}, 'c');
    }

    /** The index of the largest value in each row of a [b, C] array. */
    public static int[] argmaxRows(INDArray scores) {
        INDArray idx = scores.argMax(1);
        int[] out = new int[(int) scores.size(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx.getInt(i);
        }
        return out;
    }
}
