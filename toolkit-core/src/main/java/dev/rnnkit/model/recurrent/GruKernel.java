package dev.rnnkit.model.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dev.rnnkit.model.recurrent.Scratch.Buf;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU equations on {@link dev.rnnkit.model.gru.Gru}, one step at a time; gate blocks r, u, c.
 *
 * <p>The candidate's recurrent product needs r_t first, so a step makes two products: h_{t-1} R_{r,u}, then
 * (r_t * h_{t-1}) R_c.
 */
final class GruKernel extends CellKernel {

    @Override
    void forwardStep(Pass p, int t) {
        Scratch s = p.s;
        int h = p.units;
        int b0 = t * p.batch;
        INDArray previous = p.previous(t);
        Gemm.gemm(previous, false, gateWeights(p), false, s.array(Buf.PAIR), 0);
        Mem gates = s.mem(Buf.GATES);
        Mem pair = s.mem(Buf.PAIR);
        for (int b = 0; b < p.batch; b++) {
            int g = s.rowStart(Buf.GATES, b0 + b);
            int r = s.rowStart(Buf.PAIR, b);
            for (int k = 0; k < 2 * h; k++) {
                gates.set(g + k, gates.get(g + k) + pair.get(r + k));
            }
        }
        p.sigmoid(Buf.GATES, t, 0, 2 * h);

        Mem prev = s.mem(p.previousBuf());
        Mem resetPrevious = s.mem(Buf.RESET_PREVIOUS);
        for (int b = 0; b < p.batch; b++) {
            int g = s.rowStart(Buf.GATES, b0 + b);
            int u = s.rowStart(Buf.RESET_PREVIOUS, b0 + b);
            for (int k = 0; k < h; k++) {
                resetPrevious.set(u + k, gates.get(g + k) * prev.get(u + k));
            }
        }
        Gemm.gemm(s.step(Buf.RESET_PREVIOUS, t), false, candidateWeights(p), false, s.array(Buf.TEMP), 0);
        Mem temp = s.mem(Buf.TEMP);
        for (int b = 0; b < p.batch; b++) {
            int g = s.rowStart(Buf.GATES, b0 + b) + 2 * h;
            int r = b * h;
            for (int k = 0; k < h; k++) {
                gates.set(g + k, gates.get(g + k) + temp.get(r + k));
            }
        }
        p.activate(Buf.GATES, t, 2 * h, 3 * h, Buf.CANDIDATE_SLOPE);

        Mem out = s.mem(Buf.OUTPUT);
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int g = s.rowStart(Buf.GATES, b0 + b);
            int before = s.rowStart(Buf.OUTPUT, b0 + b);
            int after = s.rowStart(Buf.OUTPUT, b0 + p.batch + b);
            for (int k = 0; k < h; k++) {
                double update = gates.get(g + h + k);
                double candidate = gates.get(g + 2 * h + k);
                out.set(after + k, m * (candidate + update * (out.get(before + k) - candidate)));
            }
        }
    }

    @Override
    void backwardStep(Pass p, int t) {
        Scratch s = p.s;
        int h = p.units;
        int b0 = t * p.batch;
        Mem gates = s.mem(Buf.GATES);
        Mem out = s.mem(Buf.OUTPUT);
        Mem eps = s.mem(Buf.EPSILON);
        Mem grad = s.mem(Buf.GATE_GRAD);
        Mem next = s.mem(Buf.NEXT_GRAD);
        Mem stepGrad = s.mem(Buf.STEP_GRAD);
        Mem slopes = p.tanh ? null : s.mem(Buf.CANDIDATE_SLOPE);
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int g = s.rowStart(Buf.GATES, b0 + b);
            int u = s.rowStart(Buf.EPSILON, b0 + b);
            int before = s.rowStart(Buf.OUTPUT, b0 + b);
            int carried = b * h;
            for (int k = 0; k < h; k++) {
                double dh = (eps.get(u + k) + next.get(carried + k)) * m;
                double update = gates.get(g + h + k);
                double candidate = gates.get(g + 2 * h + k);
                stepGrad.set(carried + k, dh);
                grad.set(g + h + k, dh * (out.get(before + k) - candidate) * update * (1 - update));
                grad.set(g + 2 * h + k, dh * (1 - update) * p.slope(candidate, slopes, u + k));
            }
        }
        // d(r * h_{t-1}) = dL/dc_pre R_c^T
        Gemm.gemm(s.block(Buf.GATE_GRAD, t, 2 * h, 3 * h), false, candidateWeights(p), true, s.array(Buf.TEMP), 0);
        Mem temp = s.mem(Buf.TEMP);
        Mem prev = s.mem(p.previousBuf());
        for (int b = 0; b < p.batch; b++) {
            int g = s.rowStart(Buf.GATES, b0 + b);
            int u = s.rowStart(Buf.EPSILON, b0 + b);
            int carried = b * h;
            for (int k = 0; k < h; k++) {
                double reset = gates.get(g + k);
                grad.set(g + k, temp.get(carried + k) * prev.get(u + k) * reset * (1 - reset));
            }
        }
        Gemm.gemm(s.block(Buf.GATE_GRAD, t, 0, 2 * h), false, gateWeights(p), true, s.array(Buf.NEXT_GRAD), 0);
        Mem keep = p.dropout() ? s.mem(Buf.DROP_MASK) : null;
        for (int b = 0; b < p.batch; b++) {
            int g = s.rowStart(Buf.GATES, b0 + b);
            int carried = b * h;
            for (int k = 0; k < h; k++) {
                double throughProducts = temp.get(carried + k) * gates.get(g + k) + next.get(carried + k);
                double dropped = keep == null ? throughProducts : throughProducts * keep.get(carried + k);
                next.set(carried + k, stepGrad.get(carried + k) * gates.get(g + h + k) + dropped);
            }
        }
    }

    @Override
    void recurrentWeightGradient(Pass p, int from, int to, INDArray recurrentGrad) {
        int h = p.units;
        Scratch s = p.s;
        INDArray gateGrads = s.steps(Buf.GATE_GRAD, from, to);
        Gemm.gemm(s.steps(p.previousBuf(), from, to), true, gateGrads.get(all(), interval(0, 2 * h)), false, recurrentGrad.get(all(), interval(0, 2 * h)), 0);
        Gemm.gemm(s.steps(Buf.RESET_PREVIOUS, from, to), true, gateGrads.get(all(), interval(2 * h, 3 * h)), false, recurrentGrad.get(all(), interval(2 * h, 3 * h)), 0);
    }

    private static INDArray gateWeights(Pass p) {
        return p.recurrentColumns(0, 2);
    }

    private static INDArray candidateWeights(Pass p) {
        return p.recurrentColumns(2, 3);
    }
}
