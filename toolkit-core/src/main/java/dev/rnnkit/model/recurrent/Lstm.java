package dev.rnnkit.model.recurrent;

/**
 * Configuration of rnnkit's long short-term memory layer (Hochreiter and Schmidhuber 1997, with a forget gate).
 *
 * <p>Per step, with g the layer activation (tanh by default) and sigma the logistic sigmoid:
 * <pre>
 *   [i, f, o] = sigma(x_t W_{i,f,o} + h_{t-1} R_{i,f,o} + b_{i,f,o})
 *   z         = g(x_t W_z + h_{t-1} R_z + b_z)
 *   c_t       = m_t * (f * c_{t-1} + i * z)
 *   h_t       = m_t * o * g(c_t)
 * </pre>
 * with gate blocks in the column order input, forget, output, candidate, and m_t the mask. No peepholes
 * (as in PyTorch, Keras and cuDNN). The forget gate's bias starts at {@code forgetGateBiasInit} (1 by default).
 */
public class Lstm extends RecurrentCell {

    /** Gate block index of the forget gate. */
    static final int FORGET_GATE = 1;

    private double forgetGateBiasInit = 1.0;

    private Lstm(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    /** For DL4J's JSON deserialisation. */
    private Lstm() {
    }

    @Override
    public CellKind cellKind() {
        return CellKind.LSTM;
    }

    /** Initial bias of the forget gate. */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    /** For DL4J's JSON deserialisation. */
    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    public double gateBiasInit(int gate) {
        return gate == FORGET_GATE ? forgetGateBiasInit : getBiasInit();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && ((Lstm) other).forgetGateBiasInit == forgetGateBiasInit;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(forgetGateBiasInit);
    }

    /** Builder: {@code new Lstm.Builder().nIn(n).nOut(h).forgetGateBiasInit(1.0).build()}. */
    public static class Builder extends RecurrentCell.Builder<Builder> {

        private double forgetGateBiasInit = 1.0;

        /** Initial bias of the forget gate (default 1, Jozefowicz et al. 2015). */
        public Builder forgetGateBiasInit(double bias) {
            this.forgetGateBiasInit = bias;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Lstm build() {
            return new Lstm(this);
        }
    }
}
