package dev.rnnkit.model.gru;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime GRU layer DL4J instantiates from a {@link Gru} configuration.
 *
 * <p>It handles DL4J's plumbing (input dropout, weight noise, NWC layout, workspaces, the mask, the
 * state carried by {@code rnnTimeStep} and truncated BPTT) and leaves the arithmetic to
 * {@link GruPropagation}. Like DL4J's LSTM, the backward pass re-runs the forward pass with caches.
 */
public class GruLayer extends BaseRecurrentLayer<Gru> {

    /** Key of the carried output/state h [minibatch, nOut] in the state maps. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    /** Creates the layer; DL4J calls this through {@link Gru#instantiate}. */
    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return toOutput(forward(training, null, false, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        GruForwardPass pass = forward(false, stateMap.get(STATE_KEY_PREV_ACTIVATION), false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, detached(pass.lastOutput()));
        return toOutput(pass, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        GruForwardPass pass = forward(training, tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), false, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, detached(pass.lastOutput()));
        }
        return toOutput(pass, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, false, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, true, tbpttBackLength, workspaceMgr);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /**
     * Backward pass. In truncated BPTT the segment starts from the state stored before it (as DL4J's
     * LSTM does), the state at its end is stored for the next segment, and only the last
     * {@code backLength} steps receive gradient.
     */
    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int backLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray initialState = truncated ? stateMap.get(STATE_KEY_PREV_ACTIVATION) : null;
        GruForwardPass pass = forward(true, initialState, true, workspaceMgr);
        if (truncated) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, detached(pass.lastOutput()));
        }
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        long steps = eps.size(2);
        long firstStep = backLength > 0 ? Math.max(0, steps - backLength) : 0;

        INDArray weightGrad = gradientViews.get(GruParams.INPUT_WEIGHT_KEY);
        INDArray recurrentGrad = gradientViews.get(GruParams.RECURRENT_WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(GruParams.BIAS_KEY);
        INDArray flatInputGrad = GruPropagation.backward(pass, eps,
                getParamWithNoise(GruParams.INPUT_WEIGHT_KEY, true, workspaceMgr),
                getParamWithNoise(GruParams.RECURRENT_WEIGHT_KEY, true, workspaceMgr),
                mask(), layerConf().getActivationFn(), firstStep, weightGrad, recurrentGrad, biasGrad);
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(GruParams.INPUT_WEIGHT_KEY, weightGrad);
        gradient.gradientForVariable().put(GruParams.RECURRENT_WEIGHT_KEY, recurrentGrad);
        gradient.gradientForVariable().put(GruParams.BIAS_KEY, biasGrad);

        long batch = eps.size(0);
        long nIn = layerConf().getNIn();
        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, nIn, steps}, 'f');
        inputGrad.assign(flatInputGrad.reshape('c', steps, batch, nIn).permute(1, 2, 0));
        inputGrad = backpropDropOutIfPresent(inputGrad);
        return new Pair<>(gradient, permuteIfNWC(inputGrad));
    }

    private GruForwardPass forward(boolean training, INDArray initialState, boolean keepCaches,
                                   LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "GRU layer %s expects rank 3 input [minibatch, features, time], got shape %ndShape", layerId(), input);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));
        Preconditions.checkState(in.size(1) == layerConf().getNIn(),
                "GRU layer %s expects %s input features, got input of shape %ndShape",
                layerId(), layerConf().getNIn(), in);
        Preconditions.checkState(initialState == null || initialState.size(0) == in.size(0),
                "GRU layer %s: carried state has minibatch %s but input has %s; call rnnClearPreviousState() "
                        + "between batches of different sizes", layerId(),
                initialState == null ? 0 : initialState.size(0), in.size(0));
        return GruPropagation.forward(in,
                getParamWithNoise(GruParams.INPUT_WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(GruParams.RECURRENT_WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(GruParams.BIAS_KEY, training, workspaceMgr),
                mask(), initialState, layerConf().getActivationFn(), training, keepCaches);
    }

    private INDArray mask() {
        return maskArray == null ? null : maskArray.castTo(dataType);
    }

    /** The network-facing output [minibatch, nOut, time] (or NWC), in the activations workspace. */
    private INDArray toOutput(GruForwardPass pass, LayerWorkspaceMgr workspaceMgr) {
        INDArray timeMajor = pass.output();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {timeMajor.size(1), timeMajor.size(2), timeMajor.size(0)}, 'f');
        out.assign(timeMajor.permute(1, 2, 0));
        return permuteIfNWC(out);
    }

    private static INDArray detached(INDArray state) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return state.dup();
        }
    }
}
