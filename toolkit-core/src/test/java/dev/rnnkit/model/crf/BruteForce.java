package dev.rnnkit.model.crf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reference CRF quantities by enumerating every tag path, for tiny inputs only.
 *
 * <p>Forbidden paths are left out of the enumeration and allowed ones score with the raw (learned) potentials, so a
 * match with {@link CrfMath} also shows that the penalty removes exactly the forbidden paths.
 */
final class BruteForce {

    private BruteForce() {
    }

    /** Every path of the given length over {@code tags} tags that {@code allowed} permits. */
    static List<int[]> paths(int length, int tags, CrfTransitions allowed) {
        List<int[]> out = new ArrayList<>();
        int[] y = new int[length];
        long total = (long) Math.pow(tags, length);
        for (long code = 0; code < total; code++) {
            long c = code;
            for (int t = 0; t < length; t++) {
                y[t] = (int) (c % tags);
                c /= tags;
            }
            if (allowed.isValidPath(y)) {
                out.add(y.clone());
            }
        }
        return out;
    }

    static double score(int[] y, double[][] e, double[][] trans, double[] start, double[] end) {
        if (y.length == 0) {
            return 0;
        }
        double s = start[y[0]] + e[0][y[0]] + end[y[y.length - 1]];
        for (int t = 1; t < y.length; t++) {
            s += trans[y[t - 1]][y[t]] + e[t][y[t]];
        }
        return s;
    }

    static double logZ(double[][] e, double[][] trans, double[] start, double[] end, CrfTransitions allowed) {
        double sum = 0;
        for (int[] y : paths(e.length, start.length, allowed)) {
            sum += Math.exp(score(y, e, trans, start, end));
        }
        return Math.log(sum);
    }

    static int[] best(double[][] e, double[][] trans, double[] start, double[] end, CrfTransitions allowed) {
        int[] best = null;
        double max = Double.NEGATIVE_INFINITY;
        for (int[] y : paths(e.length, start.length, allowed)) {
            double s = score(y, e, trans, start, end);
            if (s > max) {
                max = s;
                best = y;
            }
        }
        return best;
    }

    /** P(y_t = j) [L][K]. */
    static double[][] marginals(double[][] e, double[][] trans, double[] start, double[] end, CrfTransitions allowed) {
        double logZ = logZ(e, trans, start, end, allowed);
        double[][] m = new double[e.length][start.length];
        for (int[] y : paths(e.length, start.length, allowed)) {
            double p = Math.exp(score(y, e, trans, start, end) - logZ);
            for (int t = 0; t < y.length; t++) {
                m[t][y[t]] += p;
            }
        }
        return m;
    }
}
