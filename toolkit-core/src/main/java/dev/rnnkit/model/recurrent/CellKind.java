package dev.rnnkit.model.recurrent;

/** The three recurrent cells rnnkit implements, with the number of gate blocks each one's weights hold. */
public enum CellKind {
    /** Long short-term memory: input, forget, output gates and the candidate, in that column order. */
    LSTM(4),
    /** Gated recurrent unit ("reset before"): reset, update, candidate. */
    GRU(3),
    /** Elman's simple RNN: one block. */
    RNN(1);

    private final int gates;

    CellKind(int gates) {
        this.gates = gates;
    }

    /** Gate blocks of nOut columns in the input and recurrent weights and the bias. */
    public int gates() {
        return gates;
    }
}
