package dev.rnnkit.model.recurrent;

/**
 * Configuration of rnnkit's simple (Elman) recurrent layer: h_t = m_t * g(x_t W + h_{t-1} R + b).
 *
 * <p>g is the layer activation, tanh by default; m_t the mask.
 */
public class ElmanRnn extends RecurrentCell {

    private ElmanRnn(Builder builder) {
        super(builder);
    }

    /** For DL4J's JSON deserialisation. */
    private ElmanRnn() {
    }

    @Override
    public CellKind cellKind() {
        return CellKind.RNN;
    }

    /** Builder: {@code new ElmanRnn.Builder().nIn(n).nOut(h).build()}. */
    public static class Builder extends RecurrentCell.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public ElmanRnn build() {
            return new ElmanRnn(this);
        }
    }
}
