package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns DL4J network outputs and labels into the class ids and probabilities the metrics take.
 *
 * <p>Shapes follow DL4J: a feed-forward or last-step head gives {@code [batch, classes]}; a recurrent
 * head gives {@code [batch, classes, time]} with labels one-hot in the same shape and a label mask
 * {@code [batch, time]} (1 = real step, 0 = padding). Masked steps are dropped, never scored.
 */
public final class ModelOutputs {

    private ModelOutputs() {
    }

    /** The class with the highest value in each row of {@code [batch, classes]} (also turns one-hot labels into ids). */
    public static int[] argmax(INDArray rows) {
        return argmax(rows, null);
    }

    /**
     * Row-wise argmax of {@code [batch, classes]}, keeping rows whose mask ({@code [batch]} or
     * {@code [batch, 1]}, may be {@code null}) is non-zero.
     */
    public static int[] argmax(INDArray rows, INDArray mask) {
        requireRank(rows, 2, "[batch, classes]");
        int batch = (int) rows.size(0);
        int[] ids = rows.argMax(1).reshape(batch).toIntVector();
        boolean[] keep = keep(mask, 1, batch)[0];
        int[] out = new int[batch];
        int n = 0;
        for (int b = 0; b < batch; b++) {
            if (keep[b]) {
                out[n++] = ids[b];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Per-step argmax of {@code [batch, classes, time]}: one id array per example holding its unmasked
     * steps in order (a sentence's predicted or gold tag ids, without padding).
     */
    public static List<int[]> argmaxPerStep(INDArray sequences, INDArray mask) {
        requireRank(sequences, 3, "[batch, classes, time]");
        int batch = (int) sequences.size(0);
        int time = (int) sequences.size(2);
        int[][] ids = sequences.argMax(1).reshape(batch, time).toIntMatrix();
        boolean[][] keep = keep(mask, time, batch);
        List<int[]> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            int[] kept = new int[time];
            int n = 0;
            for (int t = 0; t < time; t++) {
                if (keep[t][b]) {
                    kept[n++] = ids[b][t];
                }
            }
            out.add(Arrays.copyOf(kept, n));
        }
        return out;
    }

    /** {@link #argmaxPerStep} concatenated: every unmasked step of every example, for token-level classification. */
    public static int[] argmaxFlat(INDArray sequences, INDArray mask) {
        return argmaxPerStep(sequences, mask).stream().flatMapToInt(Arrays::stream).toArray();
    }

    /**
     * The probability rows of the unmasked examples or steps: {@code [batch, classes]} gives one row per
     * kept example, {@code [batch, classes, time]} one per kept step (example-major), matching
     * {@link #argmax(INDArray, INDArray)} and {@link #argmaxFlat}.
     */
    public static double[][] probabilityRows(INDArray probabilities, INDArray mask) {
        if (probabilities.rank() == 2) {
            double[][] all = probabilities.toDoubleMatrix();
            boolean[] keep = keep(mask, 1, all.length)[0];
            List<double[]> kept = new ArrayList<>();
            for (int b = 0; b < all.length; b++) {
                if (keep[b]) {
                    kept.add(all[b]);
                }
            }
            return kept.toArray(double[][]::new);
        }
        requireRank(probabilities, 3, "[batch, classes] or [batch, classes, time]");
        int batch = (int) probabilities.size(0);
        int time = (int) probabilities.size(2);
        boolean[][] keep = keep(mask, time, batch);
        List<double[]> kept = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            // [classes, time] of one example; transposed rows are the per-step distributions.
            double[][] steps = probabilities.slice(b).transpose().toDoubleMatrix();
            for (int t = 0; t < time; t++) {
                if (keep[t][b]) {
                    kept.add(steps[t]);
                }
            }
        }
        return kept.toArray(double[][]::new);
    }

    /**
     * The probability the network gave the true class at every unmasked example or step, from
     * {@code probabilities} and one-hot {@code labels} of the same shape (2-D or 3-D).
     */
    public static double[] trueClassProbabilities(INDArray probabilities, INDArray labels, INDArray mask) {
        if (!Arrays.equals(probabilities.shape(), labels.shape())) {
            throw new IllegalArgumentException("probabilities have shape " + Arrays.toString(probabilities.shape())
                    + " but labels have shape " + Arrays.toString(labels.shape()));
        }
        int[] truth = probabilities.rank() == 2 ? argmax(labels, mask) : argmaxFlat(labels, mask);
        double[][] rows = probabilityRows(probabilities, mask);
        double[] out = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            out[i] = rows[i][truth[i]];
        }
        return out;
    }

    /** Maps id sequences to names, e.g. tag ids to {@code B-PER}/{@code O} for {@link TaggingMetrics}. */
    public static List<List<String>> names(List<int[]> ids, List<String> names) {
        List<List<String>> out = new ArrayList<>(ids.size());
        for (int[] seq : ids) {
            List<String> mapped = new ArrayList<>(seq.length);
            for (int id : seq) {
                if (id < 0 || id >= names.size()) {
                    throw new IllegalArgumentException("id " + id + " has no name (" + names.size() + " names)");
                }
                mapped.add(names.get(id));
            }
            out.add(List.copyOf(mapped));
        }
        return List.copyOf(out);
    }

    /** keep[t][b]: whether step t of example b is real; for 2-D outputs time is 1 and the mask is per example. */
    private static boolean[][] keep(INDArray mask, int time, int batch) {
        boolean[][] keep = new boolean[time][batch];
        if (mask == null) {
            for (boolean[] row : keep) {
                Arrays.fill(row, true);
            }
            return keep;
        }
        if (mask.length() != (long) batch * time) {
            throw new IllegalArgumentException("mask has shape " + Arrays.toString(mask.shape()) + ", expected [" + batch
                    + (time == 1 ? "]" : ", " + time + "]"));
        }
        double[] flat = mask.reshape((long) batch * time).toDoubleVector(); // example-major: b * time + t
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                keep[t][b] = flat[b * time + t] != 0;
            }
        }
        return keep;
    }

    private static void requireRank(INDArray array, int rank, String expected) {
        if (array.rank() != rank) {
            throw new IllegalArgumentException("expected an array of shape " + expected + ", got " + Arrays.toString(array.shape()));
        }
    }
}
