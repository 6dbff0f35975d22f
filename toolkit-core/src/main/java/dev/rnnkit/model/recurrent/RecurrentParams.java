package dev.rnnkit.model.recurrent;

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
 * Parameter layout, count and initialisation of a {@link RecurrentCell} layer.
 *
 * <p>The layer's flat parameter vector holds, in this order: {@code W} [nIn, g nOut], {@code RW}
 * [nOut, g nOut] (both column-major, as DL4J's own recurrent layers store them) and {@code b} [g nOut],
 * for the g gate blocks of the cell ({@link CellKind#gates()}). Within each, the nOut-wide gate blocks
 * follow the cell's documented order.
 *
 * <p>GRU and simple-RNN weights are initialised per gate block: the layer's weight init sees fan-in nIn (for
 * {@code W}) or nOut (for {@code RW}) and fan-out nOut. LSTM weights are initialised as DL4J's LSTM does, each
 * matrix whole with fan-in nOut and fan-out nIn + nOut. {@code RW} uses the recurrent weight init when one is
 * configured.
 * With no weight init at all (DL4J leaves the layer inside {@code Bidirectional(LastTimeStep(...))}
 * unconfigured) Xavier, DL4J's global default, is used. Biases start at the cell's gate bias init.
 */
public final class RecurrentParams implements ParamInitializer {

    /** Input weights W [nIn, g nOut]. */
    public static final String INPUT_WEIGHT_KEY = "W";
    /** Recurrent weights RW [nOut, g nOut]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Bias b [g nOut]. */
    public static final String BIAS_KEY = "b";

    private static final RecurrentParams INSTANCE = new RecurrentParams();

    private RecurrentParams() {
    }

    /** The shared, stateless instance. */
    public static RecurrentParams getInstance() {
        return INSTANCE;
    }

    /**
     * Closed-form parameter count of one layer (one direction): {@code g nOut (nIn + nOut) + g nOut}.
     *
     * @param kind the cell
     * @param nIn  input features per step
     * @param nOut units
     * @return the number of parameters
     */
    public static long count(CellKind kind, long nIn, long nOut) {
        return kind.gates() * nOut * (nIn + nOut) + kind.gates() * nOut;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        RecurrentCell cell = (RecurrentCell) layer;
        return count(cell.cellKind(), cell.getNIn(), cell.getNOut());
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
        RecurrentCell cell = (RecurrentCell) conf.getLayer();
        long nIn = cell.getNIn();
        long nOut = cell.getNOut();
        int gates = cell.cellKind().gates();
        Map<String, INDArray> params = split(paramsView, gates, nIn, nOut);
        if (initializeParams) {
            // Inside Bidirectional(LastTimeStep(...)) DL4J never applies the global weight init to the
            // wrapped layer, so fall back to its default.
            IWeightInit inputInit = cell.getWeightInitFn() != null
                    ? cell.getWeightInitFn() : WeightInit.XAVIER.getWeightInitFunction();
            IWeightInit recurrentInit = cell.getWeightInitFnRecurrent() != null
                    ? cell.getWeightInitFnRecurrent() : inputInit;
            if (cell.cellKind() == CellKind.LSTM) {
                // As DL4J's LSTM initialises (fan-in nOut, fan-out nIn + nOut over the whole matrix), so that
                // configs tuned on DL4J's layer start from the same distribution.
                initWhole(inputInit, params.get(INPUT_WEIGHT_KEY), nOut, nIn + nOut);
                initWhole(recurrentInit, params.get(RECURRENT_WEIGHT_KEY), nOut, nIn + nOut);
            } else {
                initGateBlocks(inputInit, params.get(INPUT_WEIGHT_KEY), gates, nIn, nOut);
                initGateBlocks(recurrentInit, params.get(RECURRENT_WEIGHT_KEY), gates, nOut, nOut);
            }
            INDArray bias = params.get(BIAS_KEY);
            for (int gate = 0; gate < gates; gate++) {
                bias.get(NDArrayIndex.interval(gate * nOut, (gate + 1) * nOut)).assign(cell.gateBiasInit(gate));
            }
        }
        conf.addVariable(INPUT_WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return params;
    }

    private static void initWhole(IWeightInit init, INDArray weights, long fanIn, long fanOut) {
        weights.assign(init.init(fanIn, fanOut, weights.shape(), 'f', weights.dup('f')));
    }

    // Each gate block is a column range of a column-major matrix, hence a contiguous view to fill.
    private static void initGateBlocks(IWeightInit init, INDArray weights, int gates, long rows, long nOut) {
        for (int gate = 0; gate < gates; gate++) {
            INDArray block = weights.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * nOut, (gate + 1) * nOut));
            block.assign(init.init(rows, nOut, new long[] {rows, nOut}, 'f', block.dup('f')));
        }
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        RecurrentCell cell = (RecurrentCell) conf.getLayer();
        return split(gradientView, cell.cellKind().gates(), cell.getNIn(), cell.getNOut());
    }

    private static Map<String, INDArray> split(INDArray flat, int gates, long nIn, long nOut) {
        long expected = gates * nOut * (nIn + nOut) + gates * nOut;
        if (flat.length() != expected) {
            throw new IllegalStateException("recurrent parameter view has length " + flat.length()
                    + ", expected g*nOut*(nIn+nOut)+g*nOut = " + expected + " for g=" + gates + ", nIn=" + nIn
                    + ", nOut=" + nOut);
        }
        INDArray vector = flat.reshape(flat.length());
        long inputEnd = nIn * gates * nOut;
        long recurrentEnd = inputEnd + nOut * gates * nOut;
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(INPUT_WEIGHT_KEY, vector.get(NDArrayIndex.interval(0, inputEnd)).reshape('f', nIn, gates * nOut));
        params.put(RECURRENT_WEIGHT_KEY,
                vector.get(NDArrayIndex.interval(inputEnd, recurrentEnd)).reshape('f', nOut, gates * nOut));
        params.put(BIAS_KEY, vector.get(NDArrayIndex.interval(recurrentEnd, expected)));
        return params;
    }
}
