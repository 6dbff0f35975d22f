package dev.rnnkit.model.crf;

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
 * Parameter layout, count and initialisation of a {@link CrfOutput} layer.
 *
 * <p>The flat parameter vector holds, in this order: {@code W} [nIn, K] (column-major, as DL4J's dense weights),
 * {@code b} [1, K], {@code transitions} [K, K] (row i = previous tag, column j = next tag), {@code start} [1, K] and
 * {@code end} [1, K], for K = nOut tags. W starts from the layer's weight init (Xavier if none is set); everything
 * else starts at zero. W and the transitions count as weights (regularised as weights), b, start and end as biases.
 */
public final class CrfParams implements ParamInitializer {

    /** Emission weights W [nIn, K]. */
    public static final String WEIGHT_KEY = "W";
    /** Emission bias b [1, K]. */
    public static final String BIAS_KEY = "b";
    /** Transition scores [K, K]: entry (i, j) scores tag i directly followed by tag j. */
    public static final String TRANSITIONS_KEY = "transitions";
    /** Scores of each tag opening a sequence, [1, K]. */
    public static final String START_KEY = "start";
    /** Scores of each tag closing a sequence, [1, K]. */
    public static final String END_KEY = "end";

    private static final CrfParams INSTANCE = new CrfParams();

    private CrfParams() {
    }

    /** The shared, stateless instance. */
    public static CrfParams getInstance() {
        return INSTANCE;
    }

    /** Closed-form parameter count: {@code nIn K + K + K^2 + 2 K}. */
    public static long count(long nIn, long tags) {
        return nIn * tags + tags + tags * tags + 2 * tags;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        CrfOutput crf = (CrfOutput) layer;
        return count(crf.getNIn(), crf.getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, BIAS_KEY, TRANSITIONS_KEY, START_KEY, END_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY, TRANSITIONS_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY, START_KEY, END_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || TRANSITIONS_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || START_KEY.equals(key) || END_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CrfOutput crf = (CrfOutput) conf.getLayer();
        long nIn = crf.getNIn();
        long tags = crf.getNOut();
        Map<String, INDArray> params = split(paramsView, nIn, tags);
        if (initializeParams) {
            IWeightInit init = crf.getWeightInitFn() != null ? crf.getWeightInitFn() : WeightInit.XAVIER.getWeightInitFunction();
            INDArray w = params.get(WEIGHT_KEY);
            w.assign(init.init(nIn, tags, w.shape(), 'f', w.dup('f')));
            for (String key : List.of(BIAS_KEY, TRANSITIONS_KEY, START_KEY, END_KEY)) {
                params.get(key).assign(0);
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        CrfOutput crf = (CrfOutput) conf.getLayer();
        return split(gradientView, crf.getNIn(), crf.getNOut());
    }

    private static Map<String, INDArray> split(INDArray flat, long nIn, long tags) {
        long expected = count(nIn, tags);
        if (flat.length() != expected) {
            throw new IllegalStateException("CRF parameter view has length " + flat.length() + ", expected nIn*K + K + K*K + 2K = "
                    + expected + " for nIn=" + nIn + ", K=" + tags);
        }
        INDArray vector = flat.reshape(flat.length());
        long wEnd = nIn * tags;
        long bEnd = wEnd + tags;
        long transEnd = bEnd + tags * tags;
        long startEnd = transEnd + tags;
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(WEIGHT_KEY, vector.get(NDArrayIndex.interval(0, wEnd)).reshape('f', nIn, tags));
        params.put(BIAS_KEY, vector.get(NDArrayIndex.interval(wEnd, bEnd)).reshape(1, tags));
        params.put(TRANSITIONS_KEY, vector.get(NDArrayIndex.interval(bEnd, transEnd)).reshape('c', tags, tags));
        params.put(START_KEY, vector.get(NDArrayIndex.interval(transEnd, startEnd)).reshape(1, tags));
        params.put(END_KEY, vector.get(NDArrayIndex.interval(startEnd, expected)).reshape(1, tags));
        return params;
    }
}
