package dev.rnnkit.model.chars;

import dev.rnnkit.model.layers.LayerWiring;
import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import dev.rnnkit.model.layers.IdInputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that encodes each token from its characters: a character BiLSTM or a character CNN with max pooling.
 *
 * <p>Input [batch, L, T] (NCW): for each of T tokens, the ids of its first L characters (floats holding ids in
 * {@code [0, nIn)}), right-padded with 0; id 0 is padding and 1 the unknown character, as {@code dev.rnnkit.data.WordCharacters}
 * writes them. A token's characters are its ids up to the first 0. Output [batch, nOut, T]: one vector per token,
 * exactly zero for masked tokens (the token mask [batch, T], the same as the word input's, passes through
 * unchanged) and for tokens without characters.
 *
 * <ul>
 *   <li>{@link CharEncoderKind#CNN} (Ma and Hovy 2016): embedding "E" [nIn, d]; a convolution of width k over the
 *       word's real characters with "same" zero padding, weights "W" [k d, nOut] (row block j multiplies the
 *       character at offset j - (k - 1) / 2) and bias "b" [1, nOut]; tanh; max over the word's positions.</li>
 *   <li>{@link CharEncoderKind#BILSTM} (Lample et al. 2016): embedding "E" [nIn, d]; an LSTM of nOut / 2 units
 *       over characters 1..n ("fW" [d, 4h], "fRW" [h, 4h], "fb" [1, 4h]) and one over n..1 ("bW", "bRW",
 *       "bb"); gate blocks input, forget, output, candidate, forget-gate bias initialised to 1; output
 *       [forward state after character n ; backward state after character 1].</li>
 * </ul>
 *
 * <p>Row 0 of "E" (padding) is never read and gets no gradient. Input dropout is never applied (the input holds
 * ids); put dropout on the layer that consumes the encodings. The activation is tanh and cannot be changed.
 */
public class CharEncoder extends IdInputLayer {

    /** Character embedding size the builder uses for a BiLSTM encoder when none is set (Lample et al. 2016). */
    public static final int DEFAULT_BILSTM_EMBEDDING_SIZE = 25;
    /** Character embedding size the builder uses for a CNN encoder when none is set (Ma and Hovy 2016). */
    public static final int DEFAULT_CNN_EMBEDDING_SIZE = 30;
    /** Convolution width the builder uses when none is set. */
    public static final int DEFAULT_KERNEL_WIDTH = 3;

    private CharEncoderKind kind = CharEncoderKind.BILSTM;
    private int charEmbeddingSize;
    private int kernelWidth = DEFAULT_KERNEL_WIDTH;

    /** For DL4J's JSON deserialisation. */
    public CharEncoder() {
    }

    private CharEncoder(Builder builder) {
        super(builder);
        this.kind = builder.kind;
        this.charEmbeddingSize = builder.charEmbeddingSize;
        this.kernelWidth = builder.kernelWidth;
        initializeConstraints(builder);
    }

    /** The encoder architecture. */
    public CharEncoderKind getKind() {
        return kind;
    }

    /** For DL4J's JSON deserialisation. */
    public void setKind(CharEncoderKind kind) {
        this.kind = kind;
    }

    /** The character embedding size d. */
    public int getCharEmbeddingSize() {
        return charEmbeddingSize;
    }

    /** For DL4J's JSON deserialisation. */
    public void setCharEmbeddingSize(int charEmbeddingSize) {
        this.charEmbeddingSize = charEmbeddingSize;
    }

    /** The convolution width k (odd; used by the CNN only). */
    public int getKernelWidth() {
        return kernelWidth;
    }

    /** For DL4J's JSON deserialisation. */
    public void setKernelWidth(int kernelWidth) {
        this.kernelWidth = kernelWidth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharEncoder other && super.equals(o) && kind == other.kind
                && charEmbeddingSize == other.charEmbeddingSize && kernelWidth == other.kernelWidth;
    }

    @Override
    public int hashCode() {
        return ((super.hashCode() * 31 + java.util.Objects.hashCode(kind)) * 31 + charEmbeddingSize) * 31 + kernelWidth;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CharEncoderLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return CharEncoderParams.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException("CharEncoder (layer " + layerIndex + ") needs recurrent input [batch, maxChars, T] "
                    + "of character ids, got " + inputType);
        }
        if (r.getFormat() == RNNFormat.NWC) {
            throw new IllegalStateException("CharEncoder (layer " + layerIndex + ") reads NCW input [batch, maxChars, T], not NWC");
        }
        return InputType.recurrent(nOut, r.getTimeSeriesLength(), RNNFormat.NCW);
    }


    /**
     * Builder: {@code new CharEncoder.Builder().kind(CharEncoderKind.BILSTM).nIn(charIndex.size()).nOut(50)
     * .charEmbeddingSize(25).build()}.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private CharEncoderKind kind = CharEncoderKind.BILSTM;
        private int charEmbeddingSize;
        private int kernelWidth = DEFAULT_KERNEL_WIDTH;

        /** tanh, whatever the network's default activation: it is the only one the encoders apply. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** The architecture; default {@link CharEncoderKind#BILSTM}. */
        public Builder kind(CharEncoderKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * The character embedding size d; default {@value #DEFAULT_BILSTM_EMBEDDING_SIZE} for a BiLSTM,
         * {@value #DEFAULT_CNN_EMBEDDING_SIZE} for a CNN.
         */
        public Builder charEmbeddingSize(int charEmbeddingSize) {
            this.charEmbeddingSize = charEmbeddingSize;
            return this;
        }

        /** The CNN's convolution width, odd; default {@value #DEFAULT_KERNEL_WIDTH}. */
        public Builder kernelWidth(int kernelWidth) {
            this.kernelWidth = kernelWidth;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CharEncoder build() {
            if (kind == null) {
                throw new IllegalStateException("CharEncoder needs a kind (CNN or BILSTM)");
            }
            if (charEmbeddingSize == 0) {
                charEmbeddingSize = kind == CharEncoderKind.CNN ? DEFAULT_CNN_EMBEDDING_SIZE : DEFAULT_BILSTM_EMBEDDING_SIZE;
            }
            if (nIn < 2 || nOut < 1 || charEmbeddingSize < 1) {
                throw new IllegalStateException("CharEncoder needs nIn (character vocabulary, padding and unknown included) >= 2, "
                        + "nOut >= 1 and charEmbeddingSize >= 1; got " + nIn + ", " + nOut + ", " + charEmbeddingSize);
            }
            if (kind == CharEncoderKind.BILSTM && nOut % 2 != 0) {
                throw new IllegalStateException("a BILSTM CharEncoder splits nOut between its two directions, so nOut must be even; got "
                        + nOut);
            }
            if (kernelWidth < 1 || kernelWidth % 2 == 0) {
                throw new IllegalStateException("CharEncoder kernelWidth must be odd and positive (\"same\" padding); got " + kernelWidth);
            }
            if (!(activationFn instanceof ActivationTanH)) {
                throw new IllegalStateException("CharEncoder always applies tanh; it cannot use activation " + activationFn);
            }
            return new CharEncoder(this);
        }
    }
}
