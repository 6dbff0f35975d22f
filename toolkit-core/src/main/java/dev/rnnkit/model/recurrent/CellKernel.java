package dev.rnnkit.model.recurrent;

import dev.rnnkit.model.recurrent.Scratch.Buf;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-step arithmetic of one cell type, forward and backward.
 *
 * <p>Before the first step, the layer has put x_t W + b of every step into {@link Buf#GATES} and h_0 into
 * slot 0 of {@link Buf#OUTPUT}. A forward step adds the recurrent product, applies the gate nonlinearities in
 * place and writes h_t to slot t + 1. A backward step turns dL/dh_t ({@link Buf#EPSILON} plus the gradient
 * carried from step t + 1 in {@link Buf#NEXT_GRAD}) into dL/d(pre-activation) of every gate in
 * {@link Buf#GATE_GRAD} and leaves dL/dh_{t-1} in {@link Buf#NEXT_GRAD}; the layer then forms the weight and
 * input gradients of all steps with one matrix product each.
 */
abstract class CellKernel {

    static CellKernel of(CellKind kind) {
        return switch (kind) {
            case LSTM -> new LstmKernel();
            case GRU -> new GruKernel();
            case RNN -> new RnnKernel();
        };
    }

    /** Runs once before the first step, after x_t W + b of every step is in {@link Buf#GATES}. */
    void beforeSteps(Pass p) {
    }

    /** Runs step t. */
    abstract void forwardStep(Pass p, int t);

    /** Backpropagates through step t. */
    abstract void backwardStep(Pass p, int t);

    /** Zeroes whatever gradient a backward pass carries from step to step, before its last step. */
    void clearCarriedGradients(Pass p) {
        p.s.array(Buf.NEXT_GRAD).assign(0);
    }

    /** Writes dL/dRW of steps [from, to) into {@code recurrentGrad}: by default h_{t-1}^T dL/dgates. */
    void recurrentWeightGradient(Pass p, int from, int to, INDArray recurrentGrad) {
        Gemm.gemm(p.s.steps(p.previousBuf(), from, to), true, p.s.steps(Buf.GATE_GRAD, from, to), false, recurrentGrad, 0);
    }

    /** Adds h_{t-1} R (all gate blocks) to step t's gates. */
    static void addRecurrentProduct(Pass p, int t) {
        Gemm.gemm(p.previous(t), false, p.forwardRecurrentWeights, false, p.s.step(Buf.GATES, t), 1);
    }

    /** dL/dh_{t-1} = dL/dgates_t R^T, then the recurrent dropout mask. */
    static void carryGradient(Pass p, int t) {
        Gemm.gemm(p.s.step(Buf.GATE_GRAD, t), false, p.recurrentWeights, true, p.s.array(Buf.NEXT_GRAD), 0);
        p.dropGradient();
    }
}
