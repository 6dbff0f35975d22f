package dev.rnnkit.model.seq2seq;

import dev.rnnkit.config.AttentionScore;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The configuration of an LSTM decoder that attends over the encoder's outputs (Luong et al. 2015), as a graph vertex.
 *
 * <p>Inputs: the encoder outputs [batch, H, Ts] with the source mask, and the embedded decoder inputs [batch, E, Tt]
 * (the target shifted right: {@code </s>} then every target token but the last) with the target mask. Output: the
 * attentional states h̃_t [batch, D, Tt], which a softmax output layer turns into next-token probabilities; the
 * output carries the target mask. The decoder's initial state is bridged from the mean of the encoder's outputs over
 * real steps, tanh(W mean + b), as Nematus does, so bidirectional encoders need no special case. At each step the
 * LSTM reads its input (with input feeding, concatenated with h̃_{t-1}), scores every real source step against its
 * state (dot, general or additive), takes the softmax over real steps as attention weights (exactly zero on padding),
 * and mixes the context and its state: h̃_t = tanh(W_c [c_t; h_t] + b_c).
 *
 * <p>This extends DL4J's {@code SameDiffVertex} for its plumbing (parameters in the graph's flat view, updater,
 * regularisation, JSON), but the runtime vertex {@link AttentionDecoderVertex} computes forward and backward passes
 * itself: a recurrent loop with per-step attention is not something SameDiff's vertex can express with variable
 * sequence lengths. The same step function serves teacher-forced training and step-by-step decoding
 * ({@link DecoderSteps}), so the two agree by construction and are tested to.
 */
public class AttentionDecoder extends SameDiffVertex {

    static final String BRIDGE_W = "bridgeW";
    static final String BRIDGE_B = "bridgeB";
    static final String INPUT_W = "W";
    static final String RECURRENT_W = "RW";
    static final String GATE_B = "b";
    static final String GENERAL_W = "Wa";
    static final String QUERY_W = "Wq";
    static final String KEY_W = "Wk";
    static final String SCORE_V = "v";
    static final String COMBINE_W = "Wc";
    static final String COMBINE_B = "bc";

    private long encoderSize;
    private long embeddingSize;
    private long stateSize;
    private long attentionSize;
    private AttentionScore score = AttentionScore.GENERAL;
    private boolean inputFeeding = true;

    /** For DL4J's JSON deserialisation. */
    public AttentionDecoder() {
    }

    /**
     * @param encoderSize   H, the width of the encoder's outputs
     * @param embeddingSize E, the width of the embedded decoder inputs
     * @param stateSize     D, the LSTM's state size, also the width of the attentional state
     * @param score         how source steps are scored
     * @param attentionSize additive scoring: the scorer's hidden size (ignored otherwise)
     * @param inputFeeding  whether h̃_{t-1} joins the next step's input
     */
    public AttentionDecoder(long encoderSize, long embeddingSize, long stateSize, AttentionScore score, long attentionSize,
                            boolean inputFeeding) {
        if (score == AttentionScore.DOT && encoderSize != stateSize) {
            throw new IllegalArgumentException("dot attention needs the decoder state (" + stateSize
                    + ") as wide as the encoder output (" + encoderSize + ")");
        }
        this.encoderSize = encoderSize;
        this.embeddingSize = embeddingSize;
        this.stateSize = stateSize;
        this.score = Objects.requireNonNull(score);
        this.attentionSize = score == AttentionScore.ADDITIVE ? attentionSize : 0;
        this.inputFeeding = inputFeeding;
    }

    /** The width of one step's LSTM input: the embedding, plus h̃_{t-1} with input feeding. */
    long inputWidth() {
        return embeddingSize + (inputFeeding ? stateSize : 0);
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        params.defineInputs("encoded", "decoder_input");
        params.addWeightParam(BRIDGE_W, encoderSize, 2 * stateSize);
        params.addBiasParam(BRIDGE_B, 1, 2 * stateSize);
        params.addWeightParam(INPUT_W, inputWidth(), 4 * stateSize);
        params.addWeightParam(RECURRENT_W, stateSize, 4 * stateSize);
        params.addBiasParam(GATE_B, 1, 4 * stateSize);
        switch (score) {
            case GENERAL -> params.addWeightParam(GENERAL_W, stateSize, encoderSize);
            case ADDITIVE -> {
                params.addWeightParam(QUERY_W, stateSize, attentionSize);
                params.addWeightParam(KEY_W, encoderSize, attentionSize);
                params.addWeightParam(SCORE_V, attentionSize, 1);
            }
            case DOT -> {
            }
        }
        params.addWeightParam(COMBINE_W, encoderSize + stateSize, stateSize);
        params.addBiasParam(COMBINE_B, 1, stateSize);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                INDArray p = e.getValue();
                if (e.getKey().equals(GATE_B)) {
                    // Forget gate bias 1 (Jozefowicz et al. 2015): the cell keeps its memory until it learns otherwise.
                    p.assign(0);
                    p.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(stateSize, 2 * stateSize)).assign(1);
                } else if (p.size(0) == 1) {
                    p.assign(0);
                } else {
                    // Xavier uniform on [fan in, fan out].
                    double limit = Math.sqrt(6.0 / (p.size(0) + p.size(1)));
                    Nd4j.rand(p, -limit, limit, Nd4j.getRandom());
                }
            }
        }
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, Map<String, SDVariable> layerInput, Map<String, SDVariable> paramTable,
                                   Map<String, SDVariable> maskVars) {
        throw new UnsupportedOperationException("AttentionDecoderVertex computes its passes itself");
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        setName(name);
        return new AttentionDecoderVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2) {
            throw new InvalidInputTypeException("an attention decoder takes 2 inputs (encoder outputs, decoder inputs), got " + vertexInputs.length);
        }
        return InputType.recurrent(stateSize, ((InputType.InputTypeRecurrent) vertexInputs[1]).getTimeSeriesLength());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState, int minibatchSize) {
        // One output per decoder input: the output is masked as the target is.
        INDArray target = maskArrays == null || maskArrays.length < 2 ? null : maskArrays[1];
        return new Pair<>(target, target == null ? null : MaskState.Active);
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public AttentionDecoder clone() {
        AttentionDecoder c = new AttentionDecoder();
        c.encoderSize = encoderSize;
        c.embeddingSize = embeddingSize;
        c.stateSize = stateSize;
        c.attentionSize = attentionSize;
        c.score = score;
        c.inputFeeding = inputFeeding;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionDecoder d && encoderSize == d.encoderSize && embeddingSize == d.embeddingSize
                && stateSize == d.stateSize && attentionSize == d.attentionSize && score == d.score && inputFeeding == d.inputFeeding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoderSize, embeddingSize, stateSize, attentionSize, score, inputFeeding);
    }

    @Override
    public String toString() {
        return "AttentionDecoder(H=" + encoderSize + ", E=" + embeddingSize + ", D=" + stateSize + ", " + score
                + (score == AttentionScore.ADDITIVE ? " " + attentionSize : "") + (inputFeeding ? ", input feeding" : "") + ")";
    }

    public long getEncoderSize() {
        return encoderSize;
    }

    public void setEncoderSize(long encoderSize) {
        this.encoderSize = encoderSize;
    }

    public long getEmbeddingSize() {
        return embeddingSize;
    }

    public void setEmbeddingSize(long embeddingSize) {
        this.embeddingSize = embeddingSize;
    }

    public long getStateSize() {
        return stateSize;
    }

    public void setStateSize(long stateSize) {
        this.stateSize = stateSize;
    }

    public long getAttentionSize() {
        return attentionSize;
    }

    public void setAttentionSize(long attentionSize) {
        this.attentionSize = attentionSize;
    }

    public AttentionScore getScore() {
        return score;
    }

    public void setScore(AttentionScore score) {
        this.score = score;
    }

    public boolean isInputFeeding() {
        return inputFeeding;
    }

    public void setInputFeeding(boolean inputFeeding) {
        this.inputFeeding = inputFeeding;
    }
}
