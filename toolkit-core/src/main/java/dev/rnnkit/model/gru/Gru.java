package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellKind;
import dev.rnnkit.model.recurrent.RecurrentCell;

/**
 * Configuration of a gated recurrent unit layer (Cho et al. 2014) for a DL4J network.
 *
 * <p>Per time step t, with input row x_t [nIn], previous output h_{t-1} [nOut] and mask m_t in {0, 1}:
 * <pre>
 *   r_t  = sigmoid(x_t W_r + h_{t-1} R_r + b_r)              reset gate
 *   u_t  = sigmoid(x_t W_u + h_{t-1} R_u + b_u)              update gate
 *   c_t  = g(x_t W_c + (r_t * h_{t-1}) R_c + b_c)            candidate, g = the layer activation (tanh by default)
 *   h_t  = m_t * (u_t * h_{t-1} + (1 - u_t) * c_t)           output and state
 * </pre>
 * {@code *} is elementwise. This is the "reset before" variant with one bias per gate: the reset gate
 * scales h_{t-1} before the recurrent product, as in Cho et al., ND4J's {@code gru}/{@code gruCell} ops
 * and Keras with {@code reset_after=False} (not the cuDNN / PyTorch "reset after" form with a second
 * bias). h_0 is zero, or the carried state in {@code rnnTimeStep} and truncated BPTT.
 *
 * <p>Parameters ({@link dev.rnnkit.model.recurrent.RecurrentParams}): {@code W} [nIn, 3 nOut], {@code RW}
 * [nOut, 3 nOut] and {@code b} [3 nOut], gate blocks in the order reset, update, candidate, the same column
 * layout as ND4J's {@code gru} op; count {@code 3 nOut (nIn + nOut) + 3 nOut}. The class keeps this name
 * and package so that model files saved by earlier rnnkit versions load unchanged.
 *
 * <p>Build one with {@code new Gru.Builder().nIn(n).nOut(h).activation(Activation.TANH)
 * .weightInit(WeightInit.XAVIER).dropOut(0.8).build()}.
 */
public class Gru extends RecurrentCell {

    /** Creates the layer from its builder. */
    protected Gru(Builder builder) {
        super(builder);
    }

    /** For DL4J's JSON deserialisation. */
    private Gru() {
    }

    @Override
    public CellKind cellKind() {
        return CellKind.GRU;
    }

    /** Fluent builder in DL4J style; the candidate activation defaults to tanh. */
    public static class Builder extends RecurrentCell.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}
