package dev.rnnkit.model.layers;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Additive attention pooling: reduces a sequence to one vector, a learned weighted average of its steps.
 *
 * <p>Input [batch, H, T] (NCW, e.g. the output of an LSTM or a concat {@code Bidirectional} LSTM) with an optional
 * sequence mask [batch, T] (nonzero marks a real step). Each step gets a score {@code e_t = v' tanh(W' h_t + b)}
 * (Bahdanau et al. 2015; the word attention of Yang et al. 2016), the weights {@code alpha} are the softmax of the
 * scores over the real (unmasked) steps, and the output is {@code act(sum_t alpha_t h_t)}, [batch, H]: padded steps
 * get weight exactly 0 and a sequence with no real step gives a zero vector. The activation is identity unless set. The time axis,
 * and with it the mask, ends here: the next layer is a {@code DenseLayer} or {@code OutputLayer}.
 *
 * <p>Parameters: "W" [H, A], "b" [1, A], "v" [A, 1], with A the {@link #getAttentionSize() attention size}; nIn =
 * nOut = H, taken from the input type. The runtime layer, {@link AttentionPoolingLayer}, keeps the weights of the
 * last forward pass for inspection ({@link AttentionPoolingLayer#attentionWeights(org.deeplearning4j.nn.multilayer.MultiLayerNetwork)}).
 *
 * <pre>{@code
 * .layer(new LSTM.Builder().nOut(128).build())
 * .layer(new AttentionPooling.Builder().attentionSize(64).build())
 * .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
 * .setInputType(InputType.recurrent(embeddingSize))
 * }</pre>
 */
public class AttentionPooling extends FeedForwardLayer {

    /** The [H, A] projection of each step. */
    public static final String WEIGHT_KEY = "W";
    /** The [1, A] bias of the projection. */
    public static final String BIAS_KEY = "b";
    /** The [A, 1] context vector that scores the projected steps. */
    public static final String CONTEXT_KEY = "v";

    private int attentionSize;

    /** For DL4J's JSON deserialisation. */
    public AttentionPooling() {
    }

    private AttentionPooling(Builder builder) {
        super(builder);
        this.attentionSize = builder.attentionSize;
        initializeConstraints(builder);
    }

    /** The width A of the hidden projection in which steps are scored. */
    public int getAttentionSize() {
        return attentionSize;
    }

    /** For DL4J's JSON deserialisation. */
    public void setAttentionSize(int attentionSize) {
        this.attentionSize = attentionSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionPooling other && super.equals(o) && attentionSize == other.attentionSize;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + attentionSize;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new AttentionPoolingLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return AttentionParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = recurrent(layerIndex, inputType);
        if (nIn > 0 && r.getSize() > 0 && r.getSize() != nIn) {
            throw new IllegalStateException("AttentionPooling" + where(layerIndex) + " has nIn " + nIn
                    + " but its input has " + r.getSize() + " channels");
        }
        return InputType.feedForward(r.getSize() > 0 ? r.getSize() : nIn);
    }

    /** nIn from the recurrent input's size; nOut always equals nIn. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent r = recurrent(-1, inputType);
        if (nIn <= 0 || override) {
            nIn = r.getSize();
        }
        nOut = nIn;
    }

    private InputType.InputTypeRecurrent recurrent(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException("AttentionPooling" + where(layerIndex) + " needs recurrent input [batch, H, T], got "
                    + inputType);
        }
        if (r.getFormat() != RNNFormat.NCW) {
            throw new IllegalStateException("AttentionPooling" + where(layerIndex) + " reads NCW input [batch, H, T], got "
                    + r.getFormat());
        }
        return r;
    }

    private String where(int layerIndex) {
        return layerIndex >= 0 ? " (layer " + layerIndex + ")" : layerName != null ? " (" + layerName + ")" : "";
    }

    /** None for recurrent input: the layer reads the [batch, H, T] sequence itself. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return inputType != null && inputType.getType() == InputType.Type.RNN ? null : super.getPreProcessorForInputType(inputType);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long steps = Math.max(((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength(), 0);
        long params = initializer().numParams(this);
        // Per example: the [T, H] step rows and [T, A] projection, then scores and weights; backprop adds their gradients.
        long inference = steps * (nIn + attentionSize + 2);
        long training = 2 * inference;
        return new LayerMemoryReport.Builder(layerName, AttentionPooling.class, inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, inference, 0, training)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Lays out W (column-major, as DL4J's dense weights), b and v in the flat parameter vector. */
    static final class AttentionParams implements ParamInitializer {
        static final AttentionParams INSTANCE = new AttentionParams();
        private static final List<String> KEYS = List.of(WEIGHT_KEY, BIAS_KEY, CONTEXT_KEY);

        @Override
        public long numParams(NeuralNetConfiguration conf) {
            return numParams(conf.getLayer());
        }

        @Override
        public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
            AttentionPooling a = (AttentionPooling) layer;
            return a.getNIn() * a.getAttentionSize() + 2L * a.getAttentionSize();
        }

        @Override
        public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return KEYS;
        }

        @Override
        public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return List.of(WEIGHT_KEY, CONTEXT_KEY);
        }

        @Override
        public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return List.of(BIAS_KEY);
        }

        @Override
        public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
            return WEIGHT_KEY.equals(key) || CONTEXT_KEY.equals(key);
        }

        @Override
        public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
            return BIAS_KEY.equals(key);
        }

        @Override
        public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
            AttentionPooling layer = (AttentionPooling) conf.getLayer();
            long h = layer.getNIn();
            long a = layer.getAttentionSize();
            if (paramsView.length() != numParams(layer)) {
                throw new IllegalStateException("AttentionPooling expects " + numParams(layer) + " parameters (H = " + h
                        + ", A = " + a + "), got a view of " + paramsView.length());
            }
            INDArray[] views = split(paramsView, h, a);
            if (initializeParams) {
                layer.getWeightInitFn().init(h, a, new long[] {h, a}, 'f', views[0]);
                views[1].assign(layer.getBiasInit());
                // v scores a tanh in [-1, 1]^A: fan-in A, one output.
                layer.getWeightInitFn().init(a, 1, new long[] {a, 1}, 'f', views[2]);
            }
            for (String key : KEYS) {
                conf.addVariable(key);
            }
            return shaped(views, h, a);
        }

        @Override
        public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
            AttentionPooling layer = (AttentionPooling) conf.getLayer();
            return shaped(split(gradientView, layer.getNIn(), layer.getAttentionSize()), layer.getNIn(), layer.getAttentionSize());
        }

        /** Flat views of W, b and v, in that order. */
        private static INDArray[] split(INDArray flat, long h, long a) {
            INDArray row = flat.reshape(flat.length());
            return new INDArray[] {
                row.get(NDArrayIndex.interval(0, h * a)),
                row.get(NDArrayIndex.interval(h * a, h * a + a)),
                row.get(NDArrayIndex.interval(h * a + a, h * a + 2 * a))};
        }

        private static Map<String, INDArray> shaped(INDArray[] views, long h, long a) {
            Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
            out.put(WEIGHT_KEY, views[0].reshape('f', h, a));
            out.put(BIAS_KEY, views[1].reshape('f', 1, a));
            out.put(CONTEXT_KEY, views[2].reshape('f', a, 1));
            return out;
        }
    }

    /**
     * Builder: {@code new AttentionPooling.Builder().attentionSize(64).build()}; nIn (= nOut) comes from the input type.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int attentionSize;

        /** Identity activation unless {@code activation(...)} sets one: the network's default does not apply. */
        public Builder() {
            this.activationFn = new ActivationIdentity();
        }

        /** The width A of the scoring projection; required. */
        public Builder attentionSize(int attentionSize) {
            this.attentionSize = attentionSize;
            return this;
        }

        /** Not settable: the output size is the input size. */
        @Override
        public Builder nOut(int nOut) {
            throw new UnsupportedOperationException("AttentionPooling outputs its input size: set nIn, or let the input type set it");
        }

        /** Not settable: the output size is the input size. */
        @Override
        public Builder nOut(long nOut) {
            return nOut((int) nOut);
        }

        /** Not settable: the output size is the input size. */
        @Override
        public Builder units(int units) {
            return nOut(units);
        }

        @Override
        @SuppressWarnings("unchecked")
        public AttentionPooling build() {
            if (attentionSize < 1) {
                throw new IllegalStateException("AttentionPooling needs attentionSize >= 1, got " + attentionSize);
            }
            nOut = nIn;
            return new AttentionPooling(this);
        }
    }
}
