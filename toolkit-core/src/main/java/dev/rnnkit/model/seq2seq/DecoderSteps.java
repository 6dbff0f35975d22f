package dev.rnnkit.model.seq2seq;

import dev.rnnkit.model.Network;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained attention encoder-decoder run one target step at a time, for greedy and beam search.
 *
 * <p>The source is encoded once by the graph's own encoder; each step then embeds the previous token with the graph's
 * target embedding, runs the decoder vertex's step function (the one its teacher-forced pass runs), and applies the
 * graph's output layer. So a step-by-step decode scores a prefix exactly as training scores it.
 */
public final class DecoderSteps {

    private final ComputationGraph graph;
    private final AttentionDecoderVertex decoder;
    private final String encoderVertex;
    private final INDArray embedding;
    private final INDArray outputWeights;
    private final INDArray outputBias;

    private DecoderSteps(ComputationGraph graph, AttentionDecoderVertex decoder, String encoderVertex, INDArray embedding,
                         INDArray outputWeights, INDArray outputBias) {
        this.graph = graph;
        this.decoder = decoder;
        this.encoderVertex = encoderVertex;
        this.embedding = embedding;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    /** True when the network has an attention decoder. */
    public static boolean applies(Network network) {
        return network.isGraph() && find(network.graph()) != null;
    }

    /**
     * The step functions of a network with an attention decoder.
     *
     * @throws IllegalArgumentException when the network has none
     */
    public static DecoderSteps of(Network network) {
        if (!applies(network)) {
            throw new IllegalArgumentException("the network has no attention decoder (output.attention)");
        }
        ComputationGraph graph = network.graph();
        AttentionDecoderVertex decoder = find(graph);
        VertexIndices[] inputs = decoder.getInputVertices();
        GraphVertex encoder = graph.getVertices()[inputs[0].getVertexIndex()];
        GraphVertex targetEmbedding = graph.getVertices()[inputs[1].getVertexIndex()];
        GraphVertex output = graph.getVertices()[decoder.getOutputVertices()[0].getVertexIndex()];
        return new DecoderSteps(graph, decoder, encoder.getVertexName(), targetEmbedding.getLayer().getParam("W"),
                output.getLayer().getParam("W"), output.getLayer().getParam("b"));
    }

    private static AttentionDecoderVertex find(ComputationGraph graph) {
        for (GraphVertex v : graph.getVertices()) {
            if (v instanceof AttentionDecoderVertex d) {
                return d;
            }
        }
        return null;
    }

    /** The encoded source of a batch, with the decoder's initial state. */
    public final class Encoded {
        final DecoderMath.Source source;

        private Encoded(DecoderMath.Source source) {
            this.source = source;
        }

        /** Sentences in the batch. */
        public int batch() {
            return source.batch();
        }

        /** Source steps (the longest source). */
        public int steps() {
            return source.steps();
        }

        /** The same sources, row {@code rows[i]} as row i (e.g. each sentence once per beam). */
        public Encoded rows(int[] rows) {
            return new Encoded(source.rows(rows));
        }

        /** The decoder state before the first step. */
        public State start() {
            return new State(math().initial(source), null);
        }

        /** Frees the encoded source's native memory; the object is unusable afterwards. */
        public void release() {
            source.release();
        }
    }

    /** The decoder state after some steps, with the last step's attention weights [N, Ts]. */
    public static final class State {
        final DecoderMath.State state;
        final INDArray attention;

        State(DecoderMath.State state, INDArray attention) {
            this.state = state;
            this.attention = attention;
        }

        /** The attention weights of the step that produced this state, [N, Ts]; null before the first step. */
        public INDArray attention() {
            return attention;
        }

        /** The states of rows {@code rows}, e.g. the beams kept after a step. */
        public State rows(int[] rows) {
            return new State(state.rows(rows), attention == null ? null : Nd4j.pullRows(attention, 1, rows));
        }

        /** Frees the state's native memory; the object is unusable afterwards. */
        public void release() {
            state.release();
            DecoderMath.release(attention);
        }
    }

    /**
     * The result of one step: the next state, and the log-probability of every next token, row-major [N, V] in one
     * Java array (read once per step by the search, and never left in native memory).
     */
    public record Next(State state, float[] logProbabilities, int vocabulary) {

        /** log p(token | prefix of row). */
        public double logProbability(int row, int token) {
            return logProbabilities[row * vocabulary + token];
        }
    }

    /**
     * The workspace a step's temporaries live in: a beam search step allocates [N * beam, V] arrays, and left to the
     * garbage collector these piled up in native memory faster than it freed them.
     */
    private static final String STEP_WORKSPACE_ID = "RNNKIT_DECODER_STEP";

    private DecoderMath math() {
        return decoder.math();
    }

    /**
     * Encodes source ids [N, 1, Ts] with their mask [N, Ts] (null: all steps real) through the graph's encoder.
     */
    public Encoded encode(INDArray sourceIds, INDArray sourceMask) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int n = (int) sourceIds.size(0);
            INDArray start = Nd4j.valueArrayOf(new long[] {n, 1, 1}, 2.0, sourceIds.dataType()); // one decoder step, </s>
            INDArray[] masks = {sourceMask, Nd4j.ones(sourceIds.dataType(), n, 1)};
            graph.setLayerMaskArrays(sourceMask == null ? null : masks, null);
            java.util.Map<String, INDArray> activations;
            try {
                activations = graph.feedForward(new INDArray[] {sourceIds, start}, false);
            } finally {
                graph.clearLayerMaskArrays();
            }
            Encoded out = new Encoded(math().source(activations.get(encoderVertex), sourceMask));
            for (INDArray a : activations.values()) {
                if (a != sourceIds) {
                    DecoderMath.release(a);
                }
            }
            return out;
        }
    }

    /** One step: the previous tokens (one id per row) in, the next state and next-token log-probabilities out. */
    public Next step(Encoded source, State previous, int[] previousTokens) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(AttentionDecoderVertex.CYCLIC, STEP_WORKSPACE_ID)) {
            INDArray embedded = Nd4j.pullRows(embedding, 1, previousTokens);
            DecoderMath.Step step = math().step(source.source, previous.state, embedded);
            INDArray logits = dev.rnnkit.model.recurrent.Gemm.product(step.next().attentional(), false, outputWeights, false);
            logits.addiRowVector(outputBias);
            logits.subiColumnVector(logits.max(true, 1));
            logits.subiColumnVector(Transforms.log(Transforms.exp(logits, true).sum(true, 1), false));
            float[] logProbabilities = logits.reshape(logits.length()).toFloatVector();
            // Only the state and the attention weights outlive the step.
            DecoderMath.State next = step.next();
            State state = new State(new DecoderMath.State(next.h().detach(), next.c().detach(), next.attentional().detach()),
                    step.weights().detach());
            return new Next(state, logProbabilities, (int) logits.size(1));
        }
    }
}
