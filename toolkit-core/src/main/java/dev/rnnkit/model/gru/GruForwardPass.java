package dev.rnnkit.model.gru;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one forward pass of a GRU layer produced, kept for its backward pass.
 *
 * <p>All per-step arrays are time-major, [time, minibatch, nOut]; the caches are null when the pass
 * ran for inference only.
 *
 * @param input          the layer input, time-major and flattened to [time * minibatch, nIn]
 * @param output         h_t for every step
 * @param previousOutput h_{t-1} for every step (the initial state at t = 0)
 * @param reset          r_t
 * @param update         u_t
 * @param candidate      c_t
 * @param candidatePre   the candidate's pre-activation
 */
record GruForwardPass(INDArray input, INDArray output, INDArray previousOutput, INDArray reset,
                      INDArray update, INDArray candidate, INDArray candidatePre) {

    /** h at the last time step, [minibatch, nOut]: the state to carry into the next call. */
    INDArray lastOutput() {
        return GruPropagation.step(output, output.size(0) - 1);
    }
}
