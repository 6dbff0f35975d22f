package dev.rnnkit.model.layers;

import static dev.rnnkit.model.layers.AttentionPooling.BIAS_KEY;
import static dev.rnnkit.model.layers.AttentionPooling.CONTEXT_KEY;
import static dev.rnnkit.model.layers.AttentionPooling.WEIGHT_KEY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime side of {@link AttentionPooling}: forward pass, exact backprop and the last attention weights.
 *
 * <p>The sequence mask arrives through {@link #feedForwardMaskArray}, which both a MultiLayerNetwork and a
 * ComputationGraph call (in topological order) before the forward pass, with the mask the recurrent layer below
 * passed on; the layer keeps it for the forward and backward passes and passes no mask on.
 */
public class AttentionPoolingLayer extends BaseLayer<AttentionPooling> {

    // Added to padded scores only while finding each row's maximum over its real steps.
    private static final double FAR_BELOW = 1e30;

    private INDArray lastWeights;

    public AttentionPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * The attention weights of the last forward pass, [batch, T]: each row sums to 1 over the sequence's real steps
     * and is 0 at padded ones (all 0 for a sequence with no real step). A copy, in the network's data type.
     *
     * @throws IllegalStateException before the first forward pass
     */
    public INDArray attentionWeights() {
        if (lastWeights == null) {
            throw new IllegalStateException("AttentionPooling " + layerId() + " has not run a forward pass yet");
        }
        return lastWeights.dup();
    }

    /**
     * The attention weights of the network's only attention pooling layer after its last forward pass, e.g. right
     * after {@code net.output(features, false, featuresMask, null)}: row b, step t is how much step t of sequence b
     * contributed to the pooled vector. With several such layers, call {@link #attentionWeights()} on the one wanted.
     *
     * @throws IllegalArgumentException when the network has no attention pooling layer, or more than one
     */
    public static INDArray attentionWeights(MultiLayerNetwork net) {
        return only(net.getLayers(), "MultiLayerNetwork").attentionWeights();
    }

    /**
     * As {@link #attentionWeights(MultiLayerNetwork)}, for a ComputationGraph: call it after
     * {@code graph.output(false, new INDArray[] {features}, new INDArray[] {featuresMask})}. A named layer is also
     * reachable as {@code ((AttentionPoolingLayer) graph.getLayer(name)).attentionWeights()}.
     */
    public static INDArray attentionWeights(ComputationGraph graph) {
        return only(graph.getLayers(), "ComputationGraph").attentionWeights();
    }

    /** The one attention pooling layer among these, looking inside frozen (transfer learning) wrappers. */
    private static AttentionPoolingLayer only(Layer[] layers, String where) {
        List<AttentionPoolingLayer> found = new ArrayList<>();
        for (Layer layer : layers) {
            Layer inner = layer;
            if (inner instanceof FrozenLayer f) {
                inner = f.getInsideLayer();
            } else if (inner instanceof FrozenLayerWithBackprop f) {
                inner = f.getInsideLayer();
            }
            if (inner instanceof AttentionPoolingLayer a) {
                found.add(a);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("Expected exactly one AttentionPooling layer in the " + where + ", found " + found.size());
        }
        return found.get(0);
    }

    /** What backprop needs from the forward pass; recomputed there, as DL4J's dense layers do. */
    private record Forward(INDArray rows, INDArray projected, INDArray alpha, INDArray pooled) {
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        Forward f = forward(training, workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // Outside any workspace, so that it outlives this pass for attentionWeights().
            lastWeights = f.alpha().dup();
        }
        INDArray out = layerConf().getActivationFn().getActivation(f.pooled(), training);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    private Forward forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = input.castTo(dataType);
        if (x.rank() != 3 || x.size(1) != layerConf().getNIn()) {
            throw new DL4JInvalidInputException("AttentionPooling " + layerId() + " expects input [batch, " + layerConf().getNIn()
                    + ", T], got " + Arrays.toString(x.shape()));
        }
        long batch = x.size(0);
        long h = x.size(1);
        long steps = x.size(2);
        INDArray w = getParamWithNoise(WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(BIAS_KEY, training, workspaceMgr);
        INDArray v = getParamWithNoise(CONTEXT_KEY, training, workspaceMgr);
        // Row b*T + t holds step t of sequence b: one matrix product scores every step of the batch.
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', batch * steps, h);
        INDArray projected = Transforms.tanh(rows.mmul(w).addiRowVector(b), false);
        INDArray scores = projected.mmul(v).reshape('c', batch, steps);
        INDArray alpha = softmax(scores, realSteps(batch, steps));
        INDArray pooled = rows.mulColumnVector(alpha.reshape('c', batch * steps, 1)).reshape('c', batch, steps, h).sum(1);
        return new Forward(rows, projected, alpha, pooled);
    }

    /** 1 at real steps and 0 at padding, [batch, T] in the layer's data type; null without a mask. */
    private INDArray realSteps(long batch, long steps) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.length() != batch * steps) {
            throw new DL4JInvalidInputException("AttentionPooling " + layerId() + " expects a sequence mask [" + batch + ", " + steps
                    + "], got " + Arrays.toString(maskArray.shape()));
        }
        return maskArray.reshape('c', batch, steps).neq(0).castTo(dataType);
    }

    /** Softmax of each row over its real steps; exactly 0 at padded steps and in rows with no real step. */
    private static INDArray softmax(INDArray scores, INDArray real) {
        if (real == null) {
            INDArray ex = Transforms.exp(scores.subColumnVector(scores.max(true, 1)), false);
            return ex.diviColumnVector(ex.sum(true, 1));
        }
        INDArray rowMax = scores.mul(real).addi(real.rsub(1).muli(-FAR_BELOW)).max(true, 1);
        INDArray anyReal = real.max(true, 1);
        // A row with no real step would shift by -1e30: use 0 instead.
        rowMax.muli(anyReal);
        // Padded exponents are zeroed before exp (so they stay finite) and their weights after it.
        INDArray ex = Transforms.exp(scores.subColumnVector(rowMax).muli(real), false).muli(real);
        // Every row with a real step has an exponent of exactly 1 in its sum; the others divide 0 by 1.
        return ex.diviColumnVector(ex.sum(true, 1).addi(anyReal.rsub(1)));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Forward f = forward(true, workspaceMgr);
        INDArray alpha = f.alpha();
        INDArray rows = f.rows();
        INDArray projected = f.projected();
        long batch = alpha.size(0);
        long steps = alpha.size(1);
        long h = rows.size(1);
        INDArray w = getParamWithNoise(WEIGHT_KEY, true, workspaceMgr);
        INDArray v = getParamWithNoise(CONTEXT_KEY, true, workspaceMgr);

        // dL/d pooled, [batch, H].
        INDArray delta = layerConf().getActivationFn().backprop(f.pooled(), epsilon.castTo(dataType)).getFirst();
        // dL/d alpha_t = delta . h_t, [batch, T].
        INDArray rows3 = rows.reshape('c', batch, steps, h);
        INDArray dAlpha = Broadcast.mul(rows3, delta, Nd4j.createUninitialized(dataType, new long[] {batch, steps, h}, 'c'), 0, 2).sum(2);
        // Softmax: dL/de_t = alpha_t (dL/d alpha_t - sum_s alpha_s dL/d alpha_s); 0 wherever alpha is.
        INDArray dScores = dAlpha.subColumnVector(dAlpha.mul(alpha).sum(true, 1)).muli(alpha).reshape('c', batch * steps, 1);
        // e = tanh(rows W + b) v.
        INDArray dProjected = dScores.mmul(v.transpose());
        INDArray dPre = dProjected.muli(projected.mul(projected).rsubi(1));

        Gradient gradient = new DefaultGradient();
        INDArray gw = gradientViews.get(WEIGHT_KEY);
        gw.assign(rows.transpose().mmul(dPre));
        INDArray gb = gradientViews.get(BIAS_KEY);
        gb.assign(dPre.sum(true, 0));
        INDArray gv = gradientViews.get(CONTEXT_KEY);
        gv.assign(projected.transpose().mmul(dScores));
        gradient.gradientForVariable().put(WEIGHT_KEY, gw);
        gradient.gradientForVariable().put(BIAS_KEY, gb);
        gradient.gradientForVariable().put(CONTEXT_KEY, gv);

        // dL/dh_t = alpha_t delta (the weighted sum) + W dPre_t (the scores); both are 0 at padded steps.
        INDArray dRows = dPre.mmul(w.transpose()).reshape('c', batch, steps, h);
        INDArray direct = Nd4j.zeros(dataType, batch, steps, h);
        Broadcast.add(direct, delta, direct, 0, 2);
        Broadcast.mul(direct, alpha, direct, 0, 1);
        dRows.addi(direct);
        INDArray epsilonOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {batch, h, steps}, 'c');
        epsilonOut.assign(dRows.permute(0, 2, 1));

        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonOut));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        // One vector per sequence: no time axis left to mask.
        return null;
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
        return Type.FEED_FORWARD;
    }
}
