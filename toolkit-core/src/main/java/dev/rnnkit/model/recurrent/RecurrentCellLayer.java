package dev.rnnkit.model.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dev.rnnkit.model.recurrent.Scratch.Buf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime layer DL4J instantiates from any {@link RecurrentCell} configuration.
 *
 * <p>It handles DL4J's plumbing (input dropout, weight noise, NWC layout, workspaces, the mask, the state
 * carried by {@code rnnTimeStep} and truncated BPTT) and drives the cell's {@link CellKernel}. A training
 * forward pass keeps its caches, and the backward pass that follows for the same input uses them instead of
 * running the forward pass again.
 */
public class RecurrentCellLayer extends BaseRecurrentLayer<RecurrentCell> {

    /** Key of the carried output h [minibatch, nOut] in the state maps. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    /** Key of the carried LSTM cell state c [minibatch, nOut] in the state maps. */
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    /** Scratch sets kept at once: the training batch size and one other (the last, smaller batch, or 1). */
    private static final int SCRATCH_SETS = 2;

    private final transient Map<Integer, Scratch> scratch = new LinkedHashMap<>(4, 0.75f, true);
    private transient CellKernel kernel;
    private transient Pass lastPass;

    /** Creates the layer; DL4J calls this through {@link RecurrentCell#instantiate}. */
    public RecurrentCellLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return toOutput(forward(training, null, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass pass = forward(false, stateMap, workspaceMgr);
        storeLastState(pass, stateMap);
        return toOutput(pass, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass pass = forward(training, tBpttStateMap, workspaceMgr);
        if (storeLastForTBPTT) {
            storeLastState(pass, tBpttStateMap);
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

    @Override
    public void clear() {
        super.clear();
        lastPass = null;
    }

    private CellKernel kernel() {
        if (kernel == null) {
            kernel = CellKernel.of(layerConf().cellKind());
        }
        return kernel;
    }

    /**
     * Backward pass. In truncated BPTT the segment starts from the state stored before it (as DL4J's LSTM
     * does), and only the last {@code backLength} steps receive gradient.
     */
    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int backLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pass pass = lastPass;
        if (pass == null || !pass.training || pass.sourceInput != input) {
            pass = forward(true, truncated ? stateMap : null, workspaceMgr);
        }
        lastPass = null;
        Scratch s = pass.s;
        int steps = pass.steps;
        int batch = pass.batch;
        int firstStep = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        INDArray eps = permuteIfNWC(epsilon);
        toTimeMajor(eps, s, Buf.EPSILON);

        CellKernel cell = kernel();
        cell.clearCarriedGradients(pass);
        for (int t = steps - 1; t >= firstStep; t--) {
            cell.backwardStep(pass, t);
        }

        INDArray weightGrad = gradientViews.get(RecurrentParams.INPUT_WEIGHT_KEY);
        INDArray recurrentGrad = gradientViews.get(RecurrentParams.RECURRENT_WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(RecurrentParams.BIAS_KEY);
        INDArray gateGrads = s.steps(Buf.GATE_GRAD, firstStep, steps);
        Gemm.gemm(s.steps(Buf.INPUT, firstStep, steps), true, gateGrads, false, weightGrad, 0);
        cell.recurrentWeightGradient(pass, firstStep, steps, recurrentGrad);
        // Column sums as a product with a row of ones: ND4J's sum(0) over these rows took a tenth of a step.
        INDArray biasRow = s.array(Buf.BIAS_GRAD);
        Gemm.gemm(s.row(Buf.ONES, (steps - firstStep) * batch), false, gateGrads, false, biasRow, 0);
        biasGrad.assign(biasRow.reshape(biasGrad.shape()));
        INDArray inputWeights = getParamWithNoise(RecurrentParams.INPUT_WEIGHT_KEY, true, workspaceMgr);
        Gemm.gemm(gateGrads, false, inputWeights, true, s.steps(Buf.INPUT_GRAD, firstStep, steps), 0);
        if (firstStep > 0) {
            s.steps(Buf.INPUT_GRAD, 0, firstStep).assign(0);
        }
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(RecurrentParams.INPUT_WEIGHT_KEY, weightGrad);
        gradient.gradientForVariable().put(RecurrentParams.RECURRENT_WEIGHT_KEY, recurrentGrad);
        gradient.gradientForVariable().put(RecurrentParams.BIAS_KEY, biasGrad);

        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, s.inputs, steps}, 'f');
        fromTimeMajor(s, Buf.INPUT_GRAD, 0, steps, inputGrad);
        inputGrad = backpropDropOutIfPresent(inputGrad);
        return new Pair<>(gradient, permuteIfNWC(inputGrad));
    }

    /** Runs the layer over its input, starting from the state in {@code stateSource} (null: zeros). */
    private Pass forward(boolean training, Map<String, INDArray> stateSource, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "recurrent layer %s expects rank 3 input [minibatch, features, time], got shape %ndShape", layerId(), input);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input);
        RecurrentCell conf = layerConf();
        Preconditions.checkState(in.size(1) == conf.getNIn(),
                "recurrent layer %s expects %s input features, got input of shape %ndShape", layerId(), conf.getNIn(), in);
        int batch = (int) in.size(0);
        int steps = (int) in.size(2);
        INDArray initialOutput = stateSource == null ? null : stateSource.get(STATE_KEY_PREV_ACTIVATION);
        INDArray initialCell = stateSource == null ? null : stateSource.get(STATE_KEY_PREV_MEMCELL);
        Preconditions.checkState(initialOutput == null || initialOutput.size(0) == batch,
                "recurrent layer %s: carried state has minibatch %s but input has %s; call rnnClearPreviousState() "
                        + "between batches of different sizes", layerId(),
                initialOutput == null ? 0 : initialOutput.size(0), batch);

        Scratch s = scratch(batch, steps, (int) conf.getNIn(), (int) conf.getNOut(), conf.cellKind().gates());
        boolean dropout = training && conf.getRecurrentDropout() > 0;
        INDArray inputWeights = getParamWithNoise(RecurrentParams.INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray recurrentWeights = getParamWithNoise(RecurrentParams.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = getParamWithNoise(RecurrentParams.BIAS_KEY, training, workspaceMgr);
        Pass pass = new Pass(s, steps, inputWeights, recurrentWeights, conf.getActivationFn(), maskValues(steps),
                dropout, training, input);

        toTimeMajor(in, s, Buf.INPUT);
        INDArray gates = s.steps(Buf.GATES, 0, steps);
        Gemm.gemm(s.steps(Buf.INPUT, 0, steps), false, inputWeights, false, gates, 0);
        gates.addiRowVector(bias.reshape(1, bias.length()));
        assignState(s.step(Buf.OUTPUT, 0), initialOutput);
        if (conf.cellKind() == CellKind.LSTM) {
            assignState(s.step(Buf.CELL, 0), initialCell);
        }
        if (dropout) {
            double keep = 1.0 - conf.getRecurrentDropout();
            INDArray dropMask = s.array(Buf.DROP_MASK);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(dropMask, keep));
            dropMask.divi(keep);
        }
        CellKernel cell = kernel();
        cell.beforeSteps(pass);
        for (int t = 0; t < steps; t++) {
            cell.forwardStep(pass, t);
        }
        lastPass = training ? pass : null;
        return pass;
    }

    private static void assignState(INDArray slot, INDArray state) {
        if (state == null) {
            slot.assign(0);
        } else {
            slot.assign(state);
        }
    }

    /** The mask as floats [minibatch * time], example-major, or null without a mask. */
    private float[] maskValues(int steps) {
        if (maskArray == null) {
            return null;
        }
        Preconditions.checkState(maskArray.length() == (long) steps * input.size(0),
                "recurrent layer %s: mask of shape %ndShape does not match %s examples of %s steps",
                layerId(), maskArray, input.size(0), steps);
        return maskArray.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private Scratch scratch(int batch, int steps, int nIn, int nOut, int gates) {
        Scratch s = scratch.get(batch);
        if (s == null || !s.fits(dataType, batch, steps, nIn, nOut)) {
            int previous = s == null ? 0 : s.capacity;
            int capacity = Math.max(previous, (steps + 7) / 8 * 8);
            s = new Scratch(dataType, batch, capacity, nIn, nOut, gates);
            scratch.put(batch, s);
            if (scratch.size() > SCRATCH_SETS) {
                Iterator<Integer> eldest = scratch.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        return s;
    }

    /** Copies a [minibatch, columns, time] array into the time-major rows of {@code buf}. */
    private static void toTimeMajor(INDArray source, Scratch s, Buf buf) {
        if (TimeMajor.applies(source, s)) {
            TimeMajor.gather(source, s.mem(buf));
        } else {
            timeMajor(s, buf, 0, (int) source.size(2)).assign(source.permute(2, 0, 1));
        }
    }

    /** Copies steps (or slots) [from, to) of {@code buf} into a [minibatch, columns, time] array. */
    private static void fromTimeMajor(Scratch s, Buf buf, int from, int to, INDArray target) {
        if (TimeMajor.applies(target, s)) {
            TimeMajor.scatter(s.mem(buf), s.rowStart(buf, from * s.batch), target);
        } else {
            target.assign(timeMajor(s, buf, from, to).permute(1, 2, 0));
        }
    }

    /** Steps [from, to) of a per-step array as [time, minibatch, columns]. */
    private static INDArray timeMajor(Scratch s, Buf buf, int from, int to) {
        INDArray all = s.array(buf);
        return all.reshape('c', all.size(0) / s.batch, s.batch, all.size(1)).get(interval(from, to), all(), all());
    }

    private void storeLastState(Pass pass, Map<String, INDArray> target) {
        target.put(STATE_KEY_PREV_ACTIVATION, detached(pass.s.step(Buf.OUTPUT, pass.steps)));
        if (layerConf().cellKind() == CellKind.LSTM) {
            target.put(STATE_KEY_PREV_MEMCELL, detached(pass.s.step(Buf.CELL, pass.steps)));
        }
    }

    /** The network-facing output [minibatch, nOut, time] (or NWC), in the activations workspace. */
    private INDArray toOutput(Pass pass, LayerWorkspaceMgr workspaceMgr) {
        Scratch s = pass.s;
        // [minibatch, units, time] laid out in memory as [units][time][minibatch]: DL4J's per-step layers
        // (RnnOutputLayer, and dense layers through their preprocessor) flatten it to [minibatch * time, units]
        // in 'f' order, which is then a view instead of a copy.
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {s.units, pass.steps, s.batch}, 'c').permute(2, 0, 1);
        fromTimeMajor(s, Buf.OUTPUT, 1, pass.steps + 1, out);
        return permuteIfNWC(out);
    }

    private static INDArray detached(INDArray state) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return state.dup();
        }
    }
}
