package dev.rnnkit.model.chars;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link CharEncoder}.
 *
 * <p>It reads the real words (unmasked, non-empty tokens) out of the input, has the kind's encoder compute them
 * all at once, and places their vectors at their tokens, zero elsewhere. A training forward pass keeps the
 * encoder's caches, and the backward pass that follows for the same input and mask uses them instead of running
 * the forward pass again. The input gets a zero gradient: character ids are not differentiable.
 */
public class CharEncoderLayer extends BaseLayer<CharEncoder> {

    private transient WordEncoder encoder;
    private transient HostCopy host;
    /** The words of the last training forward pass, with the input and mask it ran on; null when spent. */
    private transient Words lastWords;
    private transient INDArray lastInput;
    private transient INDArray lastMask;
    private transient double[] rows;
    private transient double[] output;

    /** Creates the layer; DL4J calls this through {@link CharEncoder#instantiate}. */
    public CharEncoderLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Words words = forward(training, workspaceMgr);
        int nOut = (int) layerConf().getNOut();
        int batch = words.batch;
        int steps = words.steps;
        int n = nOut * steps * batch;
        // [batch, nOut, T] laid out in memory as [nOut][T][batch], as rnnkit's recurrent layers do: DL4J's per-step
        // layers flatten it to [batch * T, nOut] as a view instead of a copy.
        output = WordEncoder.grow(output, n);
        Arrays.fill(output, 0, n, 0);
        for (int k = 0; k < words.count; k++) {
            int b = words.token[k] / steps;
            int t = words.token[k] % steps;
            for (int c = 0; c < nOut; c++) {
                output[(c * steps + t) * batch + b] = rows[k * nOut + c];
            }
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {nOut, steps, batch}, 'c');
        host().write(output, 0, out, 0, n);
        return out.permute(2, 0, 1);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Words words = lastWords;
        if (words == null || lastInput != input || lastMask != maskArray) {
            words = forward(true, workspaceMgr);
        }
        lastWords = null;
        int nOut = (int) layerConf().getNOut();
        if (epsilon.rank() != 3 || epsilon.size(0) != words.batch || epsilon.size(1) != nOut || epsilon.size(2) != words.steps) {
            throw new IllegalStateException("CharEncoder " + layerId() + ": output gradient of shape " + Arrays.toString(epsilon.shape())
                    + " does not match the output [" + words.batch + ", " + nOut + ", " + words.steps + "]");
        }
        if (words.count > 0) {
            double[] eps = host().values(epsilon);
            double[] rowGradient = new double[words.count * nOut];
            for (int k = 0; k < words.count; k++) {
                int b = words.token[k] / words.steps;
                int t = words.token[k] % words.steps;
                for (int c = 0; c < nOut; c++) {
                    rowGradient[k * nOut + c] = eps[(b * nOut + c) * words.steps + t];
                }
            }
            encoder().backward(rowGradient, gradientViews);
        } else {
            for (INDArray view : gradientViews.values()) {
                view.assign(0);
            }
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        weightNoiseParams.clear();
        INDArray epsilonIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        epsilonIn.assign(0);
        return new Pair<>(gradient, epsilonIn);
    }

    /** Encodes the real words of the input into {@link #rows}; keeps them for a backward pass when training. */
    private Words forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        CharEncoder conf = layerConf();
        Words words = Words.read(input, maskArray, conf.getNIn(), host(), layerId());
        rows = WordEncoder.grow(rows, (int) (words.count * conf.getNOut()));
        if (words.count > 0) {
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (String key : conf.initializer().paramKeys(conf)) {
                params.put(key, getParamWithNoise(key, training, workspaceMgr));
            }
            encoder().forward(words, params, rows);
        }
        lastWords = training ? words : null;
        lastInput = training ? input : null;
        lastMask = training ? maskArray : null;
        return words;
    }

    private WordEncoder encoder() {
        if (encoder == null) {
            encoder = WordEncoder.of(layerConf(), dataType);
        }
        return encoder;
    }

    private HostCopy host() {
        if (host == null) {
            host = new HostCopy();
        }
        return host;
    }

    @Override
    public void clear() {
        super.clear();
        lastWords = null;
        lastInput = null;
        lastMask = null;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
