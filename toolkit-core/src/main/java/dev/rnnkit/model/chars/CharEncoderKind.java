package dev.rnnkit.model.chars;

/** The architecture of a {@link CharEncoder}. */
public enum CharEncoderKind {
    /** Embedding, a convolution over the characters with tanh, then max pooling (Ma and Hovy 2016). */
    CNN,
    /** Embedding, then a forward and a backward LSTM over the characters; their last states (Lample et al. 2016). */
    BILSTM
}
