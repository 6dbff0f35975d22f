package dev.rnnkit.model.seq2seq;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime vertex DL4J instantiates from an {@link AttentionDecoder}: a teacher-forced pass over the whole target.
 *
 * <p>A training forward pass keeps every step's values, and the backward pass that follows uses them. The last
 * forward pass's attention weights are kept for inspection ({@link #lastAttention()}).
 */
public class AttentionDecoderVertex extends SameDiffGraphVertex {

    private final AttentionDecoder conf;
    private transient DecoderMath.Source cachedSource;
    private transient List<DecoderMath.Step> cachedSteps;
    private transient INDArray lastAttention;

    AttentionDecoderVertex(AttentionDecoder conf, ComputationGraph graph, String name, int index, INDArray paramsView,
                           boolean initParams, DataType dataType) {
        super(conf, graph, name, index, paramsView, initParams, dataType);
        this.conf = conf;
    }

    /** The decoder's arithmetic on this vertex's current parameters. */
    DecoderMath math() {
        return new DecoderMath(conf, paramTable);
    }

    /** The configuration. */
    public AttentionDecoder decoder() {
        return conf;
    }

    /** The attention weights of the last forward pass, [batch, Tt, Ts], or null before any. */
    public INDArray lastAttention() {
        return lastAttention;
    }

    /**
     * Where the passes allocate. A teacher-forced pass allocates about 50 MB of step values and its backward pass about
     * 70 MB of temporaries per minibatch; left to the garbage collector these (with the search's arrays) reached 22 GB of
     * native memory within two epochs. So the forward pass's values go to DL4J's activations workspace, which stays open until the backward pass
     * has read them and is reused by the next minibatch, and the backward pass's temporaries to a cyclic workspace of
     * the vertex's own.
     */
    /** A workspace that learns its size on first use and is reused from then on (grown when a larger batch spills). */
    static final WorkspaceConfiguration CYCLIC = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();
    private static final String BACKWARD_WORKSPACE = "RNNKIT_DECODER_BACKWARD";

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            DecoderMath math = math();
            INDArray encoded = inputs[0];
            INDArray embedded = inputs[1];
            DecoderMath.Source source = math.source(encoded, maskArrays == null ? null : maskArrays[0]);
            int steps = (int) embedded.size(2);
            List<DecoderMath.Step> all = new ArrayList<>(steps);
            INDArray out = Nd4j.create(embedded.dataType(), embedded.size(0), conf.getStateSize(), steps);
            INDArray attention = Nd4j.create(embedded.dataType(), embedded.size(0), steps, source.steps());
            DecoderMath.State state = math.initial(source);
            for (int t = 0; t < steps; t++) {
                DecoderMath.Step step = math.step(source, state, embedded.get(all(), all(), point(t)).dup());
                all.add(step);
                state = step.next();
                out.get(all(), all(), point(t)).assign(state.attentional());
                attention.get(all(), point(t), all()).assign(step.weights());
            }
            lastAttention = attention.detach();
            cachedSource = training ? source : null;
            cachedSteps = training ? all : null;
            return out;
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (cachedSteps == null || cachedSteps.size() != inputs[1].size(2) || cachedSource.batch() != inputs[1].size(0)) {
            // DL4J always runs a training forward pass first; an unusual caller gets the same values recomputed.
            doForward(true, LayerWorkspaceMgr.noWorkspaces());
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CYCLIC, BACKWARD_WORKSPACE)) {
            DecoderMath.Gradients g = math().backward(cachedSource, cachedSteps, epsilon, (int) conf.getEmbeddingSize());
            Gradient gradient = new DefaultGradient();
            for (Map.Entry<String, INDArray> e : g.params().entrySet()) {
                INDArray view = gradTable.get(e.getKey());
                view.assign(e.getValue());
                gradient.gradientForVariable().put(e.getKey(), view);
            }
            cachedSource = null;
            cachedSteps = null;
            return new Pair<>(gradient, new INDArray[] {
                    workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, g.encoded()),
                    workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, g.embedded())});
        }
    }

    @Override
    public void clearVertex() {
        super.clearVertex();
        cachedSource = null;
        cachedSteps = null;
    }

    @Override
    public String toString() {
        return "AttentionDecoderVertex(" + getVertexName() + ", " + conf + ")";
    }
}
