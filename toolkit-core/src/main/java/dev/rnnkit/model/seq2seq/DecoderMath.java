package dev.rnnkit.model.seq2seq;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dev.rnnkit.config.AttentionScore;
import dev.rnnkit.model.recurrent.Gemm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The arithmetic of {@link AttentionDecoder}: one step forward, and backward through a whole teacher-forced sequence.
 *
 * <p>Arrays are batch-major matrices: states [N, D], source keys [N, Ts, H]. Gate order in the LSTM's [.., 4D]
 * blocks: input, forget, output, candidate. Nothing here touches DL4J workspaces; callers run it scoped out.
 */
final class DecoderMath {

    /** What every step reads of the source: its outputs, their projection for scoring, the mask and the bridge. */
    record Source(INDArray keys, INDArray scoringKeys, INDArray mask, INDArray meanWeights, INDArray mean, INDArray bridge) {

        int batch() {
            return (int) keys.size(0);
        }

        int steps() {
            return (int) keys.size(1);
        }

        /** The source of rows {@code rows} (e.g. each sentence repeated once per beam). */
        Source rows(int[] rows) {
            return new Source(pick3(keys, rows), pick3(scoringKeys, rows), Nd4j.pullRows(mask, 1, rows),
                    Nd4j.pullRows(meanWeights, 1, rows), Nd4j.pullRows(mean, 1, rows), Nd4j.pullRows(bridge, 1, rows));
        }

        /** Frees the arrays' native memory now rather than at the garbage collector's next old-generation pass. */
        void release() {
            // Not the mask: it can be the caller's own array.
            DecoderMath.release(keys, scoringKeys, meanWeights, mean, bridge);
        }

        private static INDArray pick3(INDArray a, int[] rows) {
            long[] shape = a.shape();
            INDArray flat = Nd4j.pullRows(a.reshape(shape[0], shape[1] * shape[2]), 1, rows);
            return flat.reshape(rows.length, shape[1], shape[2]);
        }
    }

    /** The recurrent state after a step: LSTM output and cell, and the attentional state h̃. */
    record State(INDArray h, INDArray c, INDArray attentional) {

        /** The states of rows {@code rows}, e.g. the beams kept after a step. */
        State rows(int[] rows) {
            return new State(Nd4j.pullRows(h, 1, rows), Nd4j.pullRows(c, 1, rows), Nd4j.pullRows(attentional, 1, rows));
        }

        /** Frees the arrays' native memory now. */
        void release() {
            DecoderMath.release(h, c, attentional);
        }
    }

    /**
     * Closes arrays that own their memory (not views, not workspace arrays, not closed yet). A search holds its arrays
     * for seconds, long enough for the garbage collector to promote them; without this, a validation pass left about
     * a gigabyte of native memory to the next old-generation collection.
     */
    static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    /** One step's values, kept for the backward pass. */
    record Step(State previous, INDArray input, INDArray i, INDArray f, INDArray o, INDArray g, INDArray cellTanh,
                State next, INDArray additiveHidden, INDArray weights, INDArray combined) {
    }

    private final AttentionScore score;
    private final boolean inputFeeding;
    private final int d;
    private final Map<String, INDArray> p;

    DecoderMath(AttentionDecoder conf, Map<String, INDArray> params) {
        this.score = conf.getScore();
        this.inputFeeding = conf.isInputFeeding();
        this.d = (int) conf.getStateSize();
        this.p = params;
    }

    /**
     * Prepares a batch of encoder outputs [N, H, Ts] with their mask [N, Ts] (null: every step real): keys, scoring
     * keys, and the bridged initial state.
     */
    Source source(INDArray encoded, INDArray mask) {
        int n = (int) encoded.size(0);
        int h = (int) encoded.size(1);
        int ts = (int) encoded.size(2);
        INDArray keys = encoded.permute(0, 2, 1).dup('c');
        INDArray m = mask == null ? Nd4j.ones(encoded.dataType(), n, ts) : mask.castTo(encoded.dataType()).reshape(n, ts);
        INDArray lengths = m.sum(true, 1);
        INDArray meanWeights = m.divColumnVector(lengths);
        INDArray mean = Nd4j.matmul(meanWeights.reshape(n, 1, ts), keys).reshape(n, h);
        INDArray bridge = Transforms.tanh(mean.mmul(p.get(AttentionDecoder.BRIDGE_W)).addiRowVector(p.get(AttentionDecoder.BRIDGE_B)), false);
        INDArray flat = keys.reshape(n * ts, h);
        INDArray scoring = switch (score) {
            case DOT -> keys;
            case GENERAL -> flat.mmul(p.get(AttentionDecoder.GENERAL_W).transpose()).reshape(n, ts, d);
            case ADDITIVE -> {
                INDArray wk = p.get(AttentionDecoder.KEY_W);
                yield flat.mmul(wk).reshape(n, ts, wk.size(1));
            }
        };
        return new Source(keys, scoring, m, meanWeights, mean, bridge);
    }

    /** The state before the first step: h_0 and c_0 from the bridge, h̃_0 = 0. */
    State initial(Source s) {
        return new State(s.bridge().get(all(), interval(0, d)).dup(), s.bridge().get(all(), interval(d, 2 * d)).dup(),
                Nd4j.zeros(s.bridge().dataType(), s.batch(), d));
    }

    /** One decoder step on embedded inputs [N, E]. */
    Step step(Source s, State prev, INDArray embedded) {
        INDArray x = inputFeeding ? Nd4j.hstack(embedded, prev.attentional()) : embedded;
        INDArray z = Gemm.product(x, false, p.get(AttentionDecoder.INPUT_W), false);
        Gemm.gemm(prev.h(), false, p.get(AttentionDecoder.RECURRENT_W), false, z, 1);
        z.addiRowVector(p.get(AttentionDecoder.GATE_B));
        INDArray i = Transforms.sigmoid(z.get(all(), interval(0, d)), true);
        INDArray f = Transforms.sigmoid(z.get(all(), interval(d, 2 * d)), true);
        INDArray o = Transforms.sigmoid(z.get(all(), interval(2 * d, 3 * d)), true);
        INDArray g = Transforms.tanh(z.get(all(), interval(3 * d, 4 * d)), true);
        INDArray c = f.mul(prev.c()).addi(i.mul(g));
        INDArray tc = Transforms.tanh(c, true);
        INDArray h = o.mul(tc);

        int n = s.batch();
        int ts = s.steps();
        INDArray hidden = null;
        INDArray scores;
        if (score == AttentionScore.ADDITIVE) {
            INDArray query = h.mmul(p.get(AttentionDecoder.QUERY_W)); // [N, A]
            long a = query.size(1);
            hidden = s.scoringKeys().dup();
            hidden.addi(query.reshape(n, 1, a).broadcast(n, ts, a));
            Transforms.tanh(hidden, false);
            scores = hidden.reshape(n * ts, a).mmul(p.get(AttentionDecoder.SCORE_V)).reshape(n, ts);
        } else {
            scores = Nd4j.matmul(s.scoringKeys(), h.reshape(n, d, 1)).reshape(n, ts);
        }
        INDArray weights = maskedSoftmax(scores, s.mask());
        INDArray context = Nd4j.matmul(weights.reshape(n, 1, ts), s.keys()).reshape(n, s.keys().size(2));
        INDArray combined = Nd4j.hstack(context, h);
        INDArray attentional = Transforms.tanh(Gemm.product(combined, false, p.get(AttentionDecoder.COMBINE_W), false)
                .addiRowVector(p.get(AttentionDecoder.COMBINE_B)), false);
        return new Step(prev, x, i, f, o, g, tc, new State(h, c, attentional), hidden, weights, combined);
    }

    /** Softmax over the real steps of each row; padded steps get exactly 0. */
    static INDArray maskedSoftmax(INDArray scores, INDArray mask) {
        // Shift by the maximum over real steps only, so that a padded step's score can neither overflow nor dominate.
        INDArray shifted = scores.add(mask.rsub(1).muli(-1e30));
        INDArray max = shifted.max(true, 1);
        INDArray e = Transforms.exp(shifted.subiColumnVector(max), false).muli(mask);
        return e.diviColumnVector(e.sum(true, 1));
    }

    /** Gradients of one teacher-forced sequence: of the parameters, the encoder outputs and the embedded inputs. */
    record Gradients(Map<String, INDArray> params, INDArray encoded, INDArray embedded) {
    }

    /**
     * Backpropagates dL/dh̃ [N, D, Tt] through the steps of a forward pass.
     *
     * @param embeddingSize E, the width of the embedded inputs inside each step's input
     */
    Gradients backward(Source s, List<Step> steps, INDArray epsilon, int embeddingSize) {
        int n = s.batch();
        int ts = s.steps();
        int hSize = (int) s.keys().size(2);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : p.entrySet()) {
            grads.put(e.getKey(), Nd4j.zeros(e.getValue().dataType(), e.getValue().shape()));
        }
        INDArray dKeys = Nd4j.zeros(s.keys().dataType(), s.keys().shape());
        INDArray dScoring = score == AttentionScore.DOT ? dKeys : Nd4j.zeros(s.scoringKeys().dataType(), s.scoringKeys().shape());
        INDArray dEmbedded = Nd4j.zeros(epsilon.dataType(), n, embeddingSize, steps.size());
        INDArray dhNext = Nd4j.zeros(epsilon.dataType(), n, d);
        INDArray dcNext = Nd4j.zeros(epsilon.dataType(), n, d);
        INDArray dFed = Nd4j.zeros(epsilon.dataType(), n, d);
        INDArray wc = p.get(AttentionDecoder.COMBINE_W);
        for (int t = steps.size() - 1; t >= 0; t--) {
            Step st = steps.get(t);
            INDArray dAtt = epsilon.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t)).add(dFed);
            INDArray att = st.next().attentional();
            INDArray dz = dAtt.muli(att.mul(att).rsubi(1));
            Gemm.gemm(st.combined(), true, dz, false, grads.get(AttentionDecoder.COMBINE_W), 1);
            grads.get(AttentionDecoder.COMBINE_B).addi(dz.sum(true, 0));
            INDArray dCombined = Gemm.product(dz, false, wc, true);
            INDArray dContext = dCombined.get(all(), interval(0, hSize));
            INDArray dh = dCombined.get(all(), interval(hSize, hSize + d)).dup();
            INDArray w = st.weights();
            // context = sum_j w_j k_j
            dKeys.addi(Nd4j.matmul(w.reshape(n, ts, 1), dContext.reshape(n, 1, hSize)));
            INDArray dw = Nd4j.matmul(s.keys(), dContext.reshape(n, hSize, 1)).reshape(n, ts);
            INDArray dScores = w.mul(dw.subColumnVector(w.mul(dw).sum(true, 1)));
            INDArray h = st.next().h();
            if (score == AttentionScore.ADDITIVE) {
                INDArray v = p.get(AttentionDecoder.SCORE_V);
                long a = v.size(0);
                INDArray u = st.additiveHidden().reshape(n * ts, a);
                grads.get(AttentionDecoder.SCORE_V).addi(u.transpose().mmul(dScores.reshape(n * ts, 1)));
                INDArray dPre = dScores.reshape(n * ts, 1).mmul(v.transpose()).muli(u.mul(u).rsubi(1)); // [N*Ts, A]
                INDArray dQuery = dPre.reshape(n, ts, a).sum(1);
                grads.get(AttentionDecoder.QUERY_W).addi(h.transpose().mmul(dQuery));
                dh.addi(dQuery.mmul(p.get(AttentionDecoder.QUERY_W).transpose()));
                dScoring.addi(dPre.reshape(n, ts, a));
            } else {
                dh.addi(Nd4j.matmul(dScores.reshape(n, 1, ts), s.scoringKeys()).reshape(n, d));
                dScoring.addi(Nd4j.matmul(dScores.reshape(n, ts, 1), h.reshape(n, 1, d)));
            }
            dh.addi(dhNext);
            // LSTM cell
            INDArray tc = st.cellTanh();
            INDArray dOut = dh.mul(tc).muli(st.o().mul(st.o().rsub(1)));
            INDArray dc = dh.mul(st.o()).muli(tc.mul(tc).rsubi(1)).addi(dcNext);
            INDArray dIn = dc.mul(st.g()).muli(st.i().mul(st.i().rsub(1)));
            INDArray dForget = dc.mul(st.previous().c()).muli(st.f().mul(st.f().rsub(1)));
            INDArray dCand = dc.mul(st.i()).muli(st.g().mul(st.g()).rsubi(1));
            INDArray dGates = Nd4j.hstack(dIn, dForget, dOut, dCand);
            Gemm.gemm(st.input(), true, dGates, false, grads.get(AttentionDecoder.INPUT_W), 1);
            Gemm.gemm(st.previous().h(), true, dGates, false, grads.get(AttentionDecoder.RECURRENT_W), 1);
            grads.get(AttentionDecoder.GATE_B).addi(dGates.sum(true, 0));
            INDArray dx = Gemm.product(dGates, false, p.get(AttentionDecoder.INPUT_W), true);
            dEmbedded.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t)).assign(dx.get(all(), interval(0, embeddingSize)));
            dFed = inputFeeding ? dx.get(all(), interval(embeddingSize, embeddingSize + d)).dup() : dFed;
            dhNext = Gemm.product(dGates, false, p.get(AttentionDecoder.RECURRENT_W), true);
            dcNext = dc.muli(st.f());
        }
        // The initial state came from the bridge: [h_0 | c_0] = tanh(mean W + b).
        INDArray bridge = s.bridge();
        INDArray dBridge = Nd4j.hstack(dhNext, dcNext).muli(bridge.mul(bridge).rsubi(1));
        grads.get(AttentionDecoder.BRIDGE_W).addi(s.mean().transpose().mmul(dBridge));
        grads.get(AttentionDecoder.BRIDGE_B).addi(dBridge.sum(true, 0));
        INDArray dMean = dBridge.mmul(p.get(AttentionDecoder.BRIDGE_W).transpose());
        dKeys.addi(Nd4j.matmul(s.meanWeights().reshape(n, ts, 1), dMean.reshape(n, 1, hSize)));
        INDArray flatKeys = s.keys().reshape(n * ts, hSize);
        switch (score) {
            case GENERAL -> {
                INDArray dFlat = dScoring.reshape(n * ts, d);
                grads.get(AttentionDecoder.GENERAL_W).addi(dFlat.transpose().mmul(flatKeys));
                dKeys.addi(dFlat.mmul(p.get(AttentionDecoder.GENERAL_W)).reshape(n, ts, hSize));
            }
            case ADDITIVE -> {
                long a = dScoring.size(2);
                INDArray dFlat = dScoring.reshape(n * ts, a);
                grads.get(AttentionDecoder.KEY_W).addi(flatKeys.transpose().mmul(dFlat));
                dKeys.addi(dFlat.mmul(p.get(AttentionDecoder.KEY_W).transpose()).reshape(n, ts, hSize));
            }
            case DOT -> {
            }
        }
        return new Gradients(grads, dKeys.permute(0, 2, 1).dup('c'), dEmbedded);
    }
}
