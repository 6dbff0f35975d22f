package dev.rnnkit.model.chars;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameter layout, count and initialisation of a {@link CharEncoder}.
 *
 * <p>The flat parameter vector holds, in this order, each as a row-major matrix: "E" [nIn, d], then for a CNN
 * "W" [k d, nOut] and "b" [1, nOut], for a BiLSTM with h = nOut / 2 units per direction "fW" [d, 4h],
 * "fRW" [h, 4h], "fb" [1, 4h], "bW", "bRW", "bb" (gate blocks input, forget, output, candidate).
 *
 * <p>"E" is initialised as DL4J's embeddings are (the weight init with fan-in 1 and fan-out d, so the scale does
 * not depend on the vocabulary), with row 0 (padding) zero; "W" with fan-in k d and fan-out nOut; LSTM matrices
 * as DL4J's LSTM does (fan-in h, fan-out d + h). Without a configured weight init, Xavier. Biases start at the
 * layer's bias init, LSTM forget-gate biases at 1.
 */
public final class CharEncoderParams implements ParamInitializer {

    /** Character embedding E [nIn, d]. */
    public static final String EMBEDDING_KEY = "E";
    /** CNN filters W [k d, nOut]. */
    public static final String CONV_WEIGHT_KEY = "W";
    /** CNN bias b [1, nOut]. */
    public static final String CONV_BIAS_KEY = "b";
    /** Forward LSTM input weights [d, 4h]. */
    public static final String FORWARD_INPUT_WEIGHT_KEY = "fW";
    /** Forward LSTM recurrent weights [h, 4h]. */
    public static final String FORWARD_RECURRENT_WEIGHT_KEY = "fRW";
    /** Forward LSTM bias [1, 4h]. */
    public static final String FORWARD_BIAS_KEY = "fb";
    /** Backward LSTM input weights [d, 4h]. */
    public static final String BACKWARD_INPUT_WEIGHT_KEY = "bW";
    /** Backward LSTM recurrent weights [h, 4h]. */
    public static final String BACKWARD_RECURRENT_WEIGHT_KEY = "bRW";
    /** Backward LSTM bias [1, 4h]. */
    public static final String BACKWARD_BIAS_KEY = "bb";
    /** Initial bias of the LSTM forget gates. */
    public static final double FORGET_GATE_BIAS = 1.0;

    private static final CharEncoderParams INSTANCE = new CharEncoderParams();

    private CharEncoderParams() {
    }

    /** The shared, stateless instance. */
    public static CharEncoderParams getInstance() {
        return INSTANCE;
    }

    /** Every parameter's shape, in the order of the flat vector. */
    public static Map<String, long[]> shapes(CharEncoder layer) {
        long vocab = layer.getNIn();
        long d = layer.getCharEmbeddingSize();
        long nOut = layer.getNOut();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(EMBEDDING_KEY, new long[] {vocab, d});
        if (layer.getKind() == CharEncoderKind.CNN) {
            shapes.put(CONV_WEIGHT_KEY, new long[] {layer.getKernelWidth() * d, nOut});
            shapes.put(CONV_BIAS_KEY, new long[] {1, nOut});
        } else {
            long h = nOut / 2;
            shapes.put(FORWARD_INPUT_WEIGHT_KEY, new long[] {d, 4 * h});
            shapes.put(FORWARD_RECURRENT_WEIGHT_KEY, new long[] {h, 4 * h});
            shapes.put(FORWARD_BIAS_KEY, new long[] {1, 4 * h});
            shapes.put(BACKWARD_INPUT_WEIGHT_KEY, new long[] {d, 4 * h});
            shapes.put(BACKWARD_RECURRENT_WEIGHT_KEY, new long[] {h, 4 * h});
            shapes.put(BACKWARD_BIAS_KEY, new long[] {1, 4 * h});
        }
        return shapes;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long total = 0;
        for (long[] shape : shapes((CharEncoder) layer).values()) {
            total += shape[0] * shape[1];
        }
        return total;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.copyOf(shapes((CharEncoder) layer).keySet());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(key -> isWeightParam(layer, key)).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return paramKeys(layer).stream().filter(key -> isBiasParam(layer, key)).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return paramKeys(layer).contains(key) && !isBiasParam(layer, key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return CONV_BIAS_KEY.equals(key) || FORWARD_BIAS_KEY.equals(key) || BACKWARD_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CharEncoder layer = (CharEncoder) conf.getLayer();
        Map<String, INDArray> params = split(layer, paramsView);
        if (initializeParams) {
            IWeightInit init = layer.getWeightInitFn() != null ? layer.getWeightInitFn() : WeightInit.XAVIER.getWeightInitFunction();
            long d = layer.getCharEmbeddingSize();
            long nOut = layer.getNOut();
            INDArray embedding = params.get(EMBEDDING_KEY);
            fill(init, embedding, 1, d);
            embedding.getRow(0).assign(0);
            if (layer.getKind() == CharEncoderKind.CNN) {
                fill(init, params.get(CONV_WEIGHT_KEY), layer.getKernelWidth() * d, nOut);
                params.get(CONV_BIAS_KEY).assign(layer.getBiasInit());
            } else {
                long h = nOut / 2;
                for (String[] direction : new String[][] {
                        {FORWARD_INPUT_WEIGHT_KEY, FORWARD_RECURRENT_WEIGHT_KEY, FORWARD_BIAS_KEY},
                        {BACKWARD_INPUT_WEIGHT_KEY, BACKWARD_RECURRENT_WEIGHT_KEY, BACKWARD_BIAS_KEY}}) {
                    fill(init, params.get(direction[0]), h, d + h);
                    fill(init, params.get(direction[1]), h, d + h);
                    INDArray bias = params.get(direction[2]);
                    bias.assign(layer.getBiasInit());
                    bias.get(NDArrayIndex.point(0), NDArrayIndex.interval(h, 2 * h)).assign(FORGET_GATE_BIAS);
                }
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    private static void fill(IWeightInit init, INDArray weights, long fanIn, long fanOut) {
        weights.assign(init.init(fanIn, fanOut, weights.shape(), 'c', weights.dup('c')));
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split((CharEncoder) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> split(CharEncoder layer, INDArray flat) {
        Map<String, long[]> shapes = shapes(layer);
        long expected = 0;
        for (long[] shape : shapes.values()) {
            expected += shape[0] * shape[1];
        }
        if (flat.length() != expected) {
            throw new IllegalStateException("CharEncoder parameter view has length " + flat.length() + ", expected " + expected);
        }
        INDArray vector = flat.reshape(flat.length());
        Map<String, INDArray> params = new LinkedHashMap<>();
        long at = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = e.getValue()[0] * e.getValue()[1];
            params.put(e.getKey(), vector.get(NDArrayIndex.interval(at, at + n)).reshape('c', e.getValue()));
            at += n;
        }
        return params;
    }
}
