package dev.rnnkit.model.crf;

/**
 * The linear-chain CRF recursions for one sequence, in log space on plain double arrays.
 *
 * <p>A sequence of L steps over K tags has emissions e[t][j]; a path y scores
 * {@code start[y0] + sum_t e[t][y_t] + sum_{t>0} trans[y_{t-1}][y_t] + end[y_{L-1}]}. The potentials passed in
 * are the effective ones (constraints already applied, see {@link Potentials#of}). Sequences are short and tag sets
 * small, so exact O(L K^2) loops per sequence beat building ND4J ops for them.
 */
final class CrfMath {

    /** The score of a forbidden transition, start or end: low enough that no path takes one, finite for exp(). */
    static final double DISALLOWED = -10000.0;

    private CrfMath() {
    }

    /** Transition, start and end scores as the recursions use them. */
    record Potentials(double[][] transitions, double[] start, double[] end) {

        /**
         * The effective potentials: the learned value where allowed, {@link #DISALLOWED} where not (so the learned
         * value there has no influence at all).
         */
        static Potentials of(double[][] transitions, double[] start, double[] end, CrfTransitions allowed) {
            int k = start.length;
            double[][] t = new double[k][k];
            double[] s = new double[k];
            double[] e = new double[k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    t[i][j] = allowed.isAllowed(i, j) ? transitions[i][j] : DISALLOWED;
                }
                s[i] = allowed.isAllowedStart(i) ? start[i] : DISALLOWED;
                e[i] = allowed.isAllowedEnd(i) ? end[i] : DISALLOWED;
            }
            return new Potentials(t, s, e);
        }

        int tags() {
            return start.length;
        }
    }

    /** log(sum(exp(v))), stable. */
    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    /** Forward scores alpha[t][j]: log-sum of the scores of all prefixes ending in tag j at step t. */
    static double[][] forward(double[][] e, Potentials p) {
        int steps = e.length;
        int k = p.tags();
        double[][] alpha = new double[steps][k];
        if (steps == 0) {
            return alpha;
        }
        for (int j = 0; j < k; j++) {
            alpha[0][j] = p.start[j] + e[0][j];
        }
        double[] buf = new double[k];
        for (int t = 1; t < steps; t++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < k; i++) {
                    buf[i] = alpha[t - 1][i] + p.transitions[i][j];
                }
                alpha[t][j] = e[t][j] + logSumExp(buf);
            }
        }
        return alpha;
    }

    /** Backward scores beta[t][i]: log-sum of the scores of all suffixes after tag i at step t, end included. */
    static double[][] backward(double[][] e, Potentials p) {
        int steps = e.length;
        int k = p.tags();
        double[][] beta = new double[steps][k];
        if (steps == 0) {
            return beta;
        }
        System.arraycopy(p.end, 0, beta[steps - 1], 0, k);
        double[] buf = new double[k];
        for (int t = steps - 2; t >= 0; t--) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    buf[j] = p.transitions[i][j] + e[t + 1][j] + beta[t + 1][j];
                }
                beta[t][i] = logSumExp(buf);
            }
        }
        return beta;
    }

    /** log Z from the forward scores; 0 for an empty sequence (its one empty path scores 0). */
    static double logPartition(double[][] alpha, Potentials p) {
        if (alpha.length == 0) {
            return 0;
        }
        double[] last = alpha[alpha.length - 1];
        double[] buf = new double[last.length];
        for (int j = 0; j < last.length; j++) {
            buf[j] = last[j] + p.end[j];
        }
        return logSumExp(buf);
    }

    /** The score of one path (same length as e). */
    static double pathScore(int[] y, double[][] e, Potentials p) {
        if (y.length == 0) {
            return 0;
        }
        double s = p.start[y[0]] + e[0][y[0]];
        for (int t = 1; t < y.length; t++) {
            s += p.transitions[y[t - 1]][y[t]] + e[t][y[t]];
        }
        return s + p.end[y[y.length - 1]];
    }

    /** The negative log-likelihood log Z - score(y) of a gold path. */
    static double negLogLikelihood(int[] y, double[][] e, Potentials p) {
        return logPartition(forward(e, p), p) - pathScore(y, e, p);
    }

    /** The highest-scoring path; ties go to the lower tag index. */
    static int[] viterbi(double[][] e, Potentials p) {
        int steps = e.length;
        int k = p.tags();
        int[] path = new int[steps];
        if (steps == 0) {
            return path;
        }
        double[] best = new double[k];
        double[] next = new double[k];
        int[][] back = new int[steps][k];
        for (int j = 0; j < k; j++) {
            best[j] = p.start[j] + e[0][j];
        }
        for (int t = 1; t < steps; t++) {
            for (int j = 0; j < k; j++) {
                int arg = 0;
                double max = best[0] + p.transitions[0][j];
                for (int i = 1; i < k; i++) {
                    double s = best[i] + p.transitions[i][j];
                    if (s > max) {
                        max = s;
                        arg = i;
                    }
                }
                next[j] = max + e[t][j];
                back[t][j] = arg;
            }
            double[] swap = best;
            best = next;
            next = swap;
        }
        int arg = 0;
        double max = best[0] + p.end[0];
        for (int j = 1; j < k; j++) {
            if (best[j] + p.end[j] > max) {
                max = best[j] + p.end[j];
                arg = j;
            }
        }
        path[steps - 1] = arg;
        for (int t = steps - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return path;
    }

    /** Node marginals P(y_t = j) [L][K]. */
    static double[][] marginals(double[][] e, Potentials p) {
        double[][] alpha = forward(e, p);
        double[][] beta = backward(e, p);
        double logZ = logPartition(alpha, p);
        double[][] m = new double[e.length][p.tags()];
        for (int t = 0; t < e.length; t++) {
            for (int j = 0; j < m[t].length; j++) {
                m[t][j] = Math.exp(alpha[t][j] + beta[t][j] - logZ);
            }
        }
        return m;
    }

    /**
     * The NLL of gold path y and its gradient: writes d/de into dE [L][K] and adds d/dtransitions, d/dstart, d/dend
     * into the accumulators. Entries that {@code allowed} forbids get no gradient: their effective score is a
     * constant.
     *
     * @return log Z - score(y)
     */
    static double gradient(int[] y, double[][] e, Potentials p, CrfTransitions allowed,
                           double[][] dE, double[][] dTransitions, double[] dStart, double[] dEnd) {
        int steps = e.length;
        if (steps == 0) {
            return 0;
        }
        int k = p.tags();
        double[][] alpha = forward(e, p);
        double[][] beta = backward(e, p);
        double logZ = logPartition(alpha, p);
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < k; j++) {
                dE[t][j] = Math.exp(alpha[t][j] + beta[t][j] - logZ);
            }
            dE[t][y[t]] -= 1;
        }
        for (int j = 0; j < k; j++) {
            if (allowed.isAllowedStart(j)) {
                dStart[j] += dE[0][j];
            }
            if (allowed.isAllowedEnd(j)) {
                dEnd[j] += dE[steps - 1][j];
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (!allowed.isAllowed(i, j)) {
                    continue;
                }
                double expected = 0;
                for (int t = 1; t < steps; t++) {
                    expected += Math.exp(alpha[t - 1][i] + p.transitions[i][j] + e[t][j] + beta[t][j] - logZ);
                }
                dTransitions[i][j] += expected;
            }
        }
        for (int t = 1; t < steps; t++) {
            if (allowed.isAllowed(y[t - 1], y[t])) {
                dTransitions[y[t - 1]][y[t]] -= 1;
            }
        }
        return logZ - pathScore(y, e, p);
    }
}
