package dev.rnnkit.model.gru;

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
 * Parameter layout, count and initialisation of a {@link Gru} layer.
 *
 * <p>The layer's flat parameter vector holds, in this order: {@code W} [nIn, 3 nOut], {@code RW}
 * [nOut, 3 nOut] (both column-major, as DL4J's own recurrent layers store them) and {@code b}
 * [3 nOut]. Within each, the three nOut-wide gate blocks are reset, update, candidate.
 *
 * <p>Weights are initialised per gate block: the layer's weight init sees fan-in nIn (for
 * {@code W}) or nOut (for {@code RW}) and fan-out nOut; {@code RW} uses the recurrent weight init when
 * one is configured. With no weight init at all (DL4J leaves the layer inside
 * {@code Bidirectional(LastTimeStep(...))} unconfigured) Xavier, DL4J's global default, is used.
 * Biases start at the configured bias init (0 by default).
 */
public final class GruParams implements ParamInitializer {

    /** Input weights W [nIn, 3 nOut]. */
    public static final String INPUT_WEIGHT_KEY = "W";
    /** Recurrent weights RW [nOut, 3 nOut]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Bias b [3 nOut]. */
    public static final String BIAS_KEY = "b";

    /** Gates per unit: reset, update, candidate. */
    static final int GATES = 3;

    private static final GruParams INSTANCE = new GruParams();

    private GruParams() {
    }

    /** The shared, stateless instance. */
    public static GruParams getInstance() {
        return INSTANCE;
    }

    /**
     * Closed-form parameter count of one GRU layer (one direction): {@code 3 nOut (nIn + nOut) + 3 nOut}.
     *
     * @param nIn  input features per step
     * @param nOut units
     * @return the number of parameters
     */
    public static long count(long nIn, long nOut) {
        return GATES * nOut * (nIn + nOut) + GATES * nOut;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Gru gru = (Gru) layer;
        return count(gru.getNIn(), gru.getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Gru gru = (Gru) conf.getLayer();
        long nIn = gru.getNIn();
        long nOut = gru.getNOut();
        Map<String, INDArray> params = split(paramsView, nIn, nOut);
        if (initializeParams) {
            // DL4J does not pass the global config through Bidirectional(LastTimeStep(...)); fall back to its default.
            IWeightInit inputInit = gru.getWeightInitFn() != null
                    ? gru.getWeightInitFn() : WeightInit.XAVIER.getWeightInitFunction();
            IWeightInit recurrentInit = gru.getWeightInitFnRecurrent() != null
                    ? gru.getWeightInitFnRecurrent() : inputInit;
            initGateBlocks(inputInit, params.get(INPUT_WEIGHT_KEY), nIn, nOut);
            initGateBlocks(recurrentInit, params.get(RECURRENT_WEIGHT_KEY), nOut, nOut);
            params.get(BIAS_KEY).assign(gru.getBiasInit());
        }
        conf.addVariable(INPUT_WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return params;
    }

    // Each gate block is a column range of a column-major matrix, hence a contiguous view to fill.
    private static void initGateBlocks(IWeightInit init, INDArray weights, long rows, long nOut) {
        for (int gate = 0; gate < GATES; gate++) {
            INDArray block = weights.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * nOut, (gate + 1) * nOut));
            block.assign(init.init(rows, nOut, new long[] {rows, nOut}, 'f', block.dup('f')));
        }
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Gru gru = (Gru) conf.getLayer();
        return split(gradientView, gru.getNIn(), gru.getNOut());
    }

    private static Map<String, INDArray> split(INDArray flat, long nIn, long nOut) {
        long expected = count(nIn, nOut);
        if (flat.length() != expected) {
            throw new IllegalStateException("GRU parameter view has length " + flat.length()
                    + ", expected 3*nOut*(nIn+nOut)+3*nOut = " + expected + " for nIn=" + nIn + ", nOut=" + nOut);
        }
        INDArray vector = flat.reshape(flat.length());
        long inputEnd = nIn * GATES * nOut;
        long recurrentEnd = inputEnd + nOut * GATES * nOut;
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(INPUT_WEIGHT_KEY, vector.get(NDArrayIndex.interval(0, inputEnd)).reshape('f', nIn, GATES * nOut));
        params.put(RECURRENT_WEIGHT_KEY,
                vector.get(NDArrayIndex.interval(inputEnd, recurrentEnd)).reshape('f', nOut, GATES * nOut));
        params.put(BIAS_KEY, vector.get(NDArrayIndex.interval(recurrentEnd, expected)));
        return params;
    }
}
