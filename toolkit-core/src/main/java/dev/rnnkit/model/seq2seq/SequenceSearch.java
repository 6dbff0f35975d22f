package dev.rnnkit.model.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Greedy and beam search over an attention decoder's steps.
 *
 * <p>Every search starts from the end token (the decoder's start symbol) and stops a hypothesis at the end token or
 * after {@code maxSteps} tokens. Padding is never produced. Beam search keeps the {@code beam} best prefixes of each
 * sentence by total log-probability and finishes a sentence once it has {@code beam} complete hypotheses; the winner
 * is the complete hypothesis with the best length-normalised score, log p / length^alpha (fairseq's {@code lenpen};
 * the length counts the end token). With a beam of 1 this is greedy search, token for token.
 *
 * @param endId    the end token's id (also the first decoder input)
 * @param padId    the padding id, never produced
 * @param maxSteps the most tokens decoded per sentence, end token included
 */
public record SequenceSearch(int endId, int padId, int maxSteps) {

    /**
     * One decoded sentence: its token ids without the end token, its total log-probability, and the attention weights
     * of each produced token over the source steps ([tokens (+1 with the end token)][Ts]).
     */
    public record Hypothesis(int[] tokens, double logProbability, double[][] attention, boolean ended) {
    }

    /** The most probable token at each step, for every sentence of the batch. */
    public List<Hypothesis> greedy(DecoderSteps steps, DecoderSteps.Encoded source) {
        int n = source.batch();
        DecoderSteps.State state = source.start();
        int[] previous = new int[n];
        Arrays.fill(previous, endId);
        List<List<Integer>> tokens = new ArrayList<>();
        List<List<double[]>> attention = new ArrayList<>();
        double[] logp = new double[n];
        boolean[] ended = new boolean[n];
        for (int i = 0; i < n; i++) {
            tokens.add(new ArrayList<>());
            attention.add(new ArrayList<>());
        }
        for (int t = 0; t < maxSteps && !allTrue(ended); t++) {
            DecoderSteps.Next next = steps.step(source, state, previous);
            float[] lp = next.logProbabilities();
            int v = next.vocabulary();
            double[][] weights = next.state().attention().toDoubleMatrix();
            for (int i = 0; i < n; i++) {
                if (ended[i]) {
                    continue;
                }
                int best = -1;
                for (int k = 0; k < v; k++) {
                    if (k != padId && (best < 0 || lp[i * v + k] > lp[i * v + best])) {
                        best = k;
                    }
                }
                logp[i] += lp[i * v + best];
                attention.get(i).add(weights[i]);
                if (best == endId) {
                    ended[i] = true;
                } else {
                    tokens.get(i).add(best);
                }
                previous[i] = best;
            }
            state.release();
            state = next.state();
        }
        state.release();
        List<Hypothesis> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Hypothesis(tokens.get(i).stream().mapToInt(Integer::intValue).toArray(), logp[i],
                    attention.get(i).toArray(double[][]::new), ended[i]));
        }
        return out;
    }

    /** A prefix alive in a beam. */
    private record Prefix(int[] tokens, double logProbability, double[][] attention) {
        Prefix extend(int token, double logp, double[] weights) {
            int[] t = Arrays.copyOf(tokens, tokens.length + 1);
            t[tokens.length] = token;
            double[][] a = Arrays.copyOf(attention, attention.length + 1);
            a[attention.length] = weights;
            return new Prefix(t, logProbability + logp, a);
        }
    }

    /**
     * Beam search of width {@code beam} with length normalisation {@code alpha} (0: none; 1: the mean log-probability
     * per token).
     */
    public List<Hypothesis> beam(DecoderSteps steps, DecoderSteps.Encoded source, int beam, double alpha) {
        if (beam < 1) {
            throw new IllegalArgumentException("beam must be >= 1, got " + beam);
        }
        int n = source.batch();
        int[] expand = new int[n * beam];
        for (int i = 0; i < n * beam; i++) {
            expand[i] = i / beam;
        }
        DecoderSteps.Encoded sources = source.rows(expand);
        DecoderSteps.State state = sources.start();
        // Only the first beam of each sentence is alive at the start, so that no hypothesis is found twice.
        List<List<Prefix>> alive = new ArrayList<>(n);
        List<List<Hypothesis>> finished = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            alive.add(new ArrayList<>(List.of(new Prefix(new int[0], 0, new double[0][]))));
            finished.add(new ArrayList<>());
        }
        int[] previous = new int[n * beam];
        Arrays.fill(previous, endId);
        for (int t = 0; t < maxSteps; t++) {
            DecoderSteps.Next next = steps.step(sources, state, previous);
            float[] lp = next.logProbabilities();
            int v = next.vocabulary();
            double[][] stepWeights = next.state().attention().toDoubleMatrix();
            int[] keep = new int[n * beam];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                List<Prefix> beams = alive.get(i);
                if (beams.isEmpty()) {
                    for (int b = 0; b < beam; b++) {
                        keep[i * beam + b] = i * beam; // a finished sentence's rows: any row, never read
                    }
                    continue;
                }
                List<double[]> candidates = new ArrayList<>(); // {total, beam, token}
                for (int b = 0; b < beams.size(); b++) {
                    int row = i * beam + b;
                    for (int k : topK(lp, row * v, v, 2 * beam)) {
                        candidates.add(new double[] {beams.get(b).logProbability() + lp[row * v + k], b, k});
                    }
                }
                candidates.sort((x, y) -> Double.compare(y[0], x[0]));
                List<Prefix> kept = new ArrayList<>(beam);
                for (double[] c : candidates) {
                    if (kept.size() == beam || finished.get(i).size() == beam) {
                        break;
                    }
                    int b = (int) c[1];
                    int token = (int) c[2];
                    int row = i * beam + b;
                    Prefix p = beams.get(b).extend(token, lp[row * v + token], stepWeights[row]);
                    if (token == endId) {
                        finished.get(i).add(new Hypothesis(Arrays.copyOf(p.tokens(), p.tokens().length - 1), p.logProbability(),
                                p.attention(), true));
                    } else {
                        keep[i * beam + kept.size()] = row;
                        previous[i * beam + kept.size()] = token;
                        kept.add(p);
                    }
                }
                for (int b = kept.size(); b < beam; b++) {
                    keep[i * beam + b] = i * beam;
                    previous[i * beam + b] = endId;
                }
                if (finished.get(i).size() >= beam) {
                    kept.clear();
                }
                alive.set(i, kept);
                any |= !kept.isEmpty();
            }
            if (!any) {
                next.state().release();
                break;
            }
            DecoderSteps.State kept = next.state().rows(keep);
            next.state().release();
            state.release();
            state = kept;
        }
        state.release();
        sources.release();
        List<Hypothesis> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Hypothesis> done = finished.get(i);
            for (Prefix p : alive.get(i)) {
                done.add(new Hypothesis(p.tokens(), p.logProbability(), p.attention(), false)); // cut at maxSteps
            }
            Hypothesis best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Hypothesis h : done) {
                double score = h.logProbability() / Math.pow(h.tokens().length + (h.ended() ? 1 : 0), alpha);
                if (best == null || score > bestScore) {
                    best = h;
                    bestScore = score;
                }
            }
            out.add(best);
        }
        return out;
    }

    /** The indices of the k largest of {@code values[from, from + count)}, padding excluded, best first. */
    private int[] topK(float[] values, int from, int count, int k) {
        int[] best = new int[Math.min(k, count - 1)];
        Arrays.fill(best, -1);
        for (int j = 0; j < count; j++) {
            if (j == padId) {
                continue;
            }
            float x = values[from + j];
            int pos = best.length;
            while (pos > 0 && (best[pos - 1] < 0 || values[from + best[pos - 1]] < x)) {
                pos--;
            }
            if (pos < best.length) {
                System.arraycopy(best, pos, best, pos + 1, best.length - pos - 1);
                best[pos] = j;
            }
        }
        return best;
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }
}
