package dev.rnnkit.model.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.EmbeddingLayerParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An embedding of token ids that passes per-token features through beside each embedded vector.
 *
 * <p>Input [batch, 1 + K, T] (NCW): channel 0 holds token ids in {@code [0, nIn)}, channels 1..K dense features
 * (e.g. one-hot word casing). Output [batch, nOut + K, T]: rows of the learned [nIn, nOut] matrix "W", then the K
 * feature channels unchanged; every channel is zero at masked steps, as in DL4J's {@code EmbeddingSequenceLayer}.
 * Parameters: nIn x nOut, no bias. A MultiLayerNetwork has one input array, hence ids and features share it.
 */
public class EmbeddingWithFeatures extends IdInputLayer {

    private int extraFeatures;

    /** For DL4J's JSON deserialisation. */
    public EmbeddingWithFeatures() {
    }

    private EmbeddingWithFeatures(Builder builder) {
        super(builder);
        this.extraFeatures = builder.extraFeatures;
        initializeConstraints(builder);
    }

    /** The feature channels K passed through after the token id. */
    public int getExtraFeatures() {
        return extraFeatures;
    }

    /** For DL4J's JSON deserialisation. */
    public void setExtraFeatures(int extraFeatures) {
        this.extraFeatures = extraFeatures;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingWithFeatures other && super.equals(o) && extraFeatures == other.extraFeatures;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + extraFeatures;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new EmbeddingWithFeaturesLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return NoBiasEmbeddingParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException("EmbeddingWithFeatures (layer " + layerIndex + ") needs recurrent input [batch, 1 + "
                    + extraFeatures + ", T], got " + inputType);
        }
        if (r.getSize() > 0 && r.getSize() != 1 + extraFeatures) {
            throw new IllegalStateException("EmbeddingWithFeatures (layer " + layerIndex + ") reads 1 token id + " + extraFeatures
                    + " feature channels, but its input has " + r.getSize() + " channels");
        }
        return InputType.recurrent(nOut + extraFeatures, r.getTimeSeriesLength(), RNNFormat.NCW);
    }


    /** DL4J's embedding initialiser (fan-in 1, so the scale does not grow with the vocabulary), without a bias. */
    static final class NoBiasEmbeddingParams extends EmbeddingLayerParamInitializer {
        static final NoBiasEmbeddingParams INSTANCE = new NoBiasEmbeddingParams();

        @Override
        protected boolean hasBias(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return false;
        }
    }

    /**
     * Builder: {@code new EmbeddingWithFeatures.Builder().nIn(vocab).nOut(embeddingSize).extraFeatures(k).build()}.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int extraFeatures;

        /** Identity activation: the embedding is a lookup, whatever the network's default activation. */
        public Builder() {
            this.activationFn = new ActivationIdentity();
        }

        /** The feature channels K after the token id; default 0. */
        public Builder extraFeatures(int extraFeatures) {
            this.extraFeatures = extraFeatures;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public EmbeddingWithFeatures build() {
            if (nIn < 1 || nOut < 1 || extraFeatures < 0) {
                throw new IllegalStateException("EmbeddingWithFeatures needs nIn (vocabulary) >= 1, nOut >= 1 and extraFeatures >= 0; got "
                        + nIn + ", " + nOut + ", " + extraFeatures);
            }
            return new EmbeddingWithFeatures(this);
        }
    }
}
