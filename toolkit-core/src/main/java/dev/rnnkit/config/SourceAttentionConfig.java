package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The attention decoder of a seq2seq head: at every target step the decoder attends over the encoder's outputs.
 *
 * <p>Setting {@code output.attention} turns the seq2seq head from the repeat-vector decoder into an encoder-decoder
 * trained with teacher forcing: the decoder reads the previous target token, starts from a state bridged from the
 * encoder, and mixes its state with the attention context before the softmax (Luong et al. 2015).
 *
 * @param score        dot, general (default) or additive
 * @param inputFeeding feed the previous step's attentional state into the decoder's next input; default true
 * @param size         additive scoring only: the scorer's hidden size; default the decoder's state size
 * @param beamSize     the beam width of evaluation and prediction (1: greedy search); default 5
 * @param lengthPenalty beam search: a hypothesis scores log p / length^length_penalty (0: none); default 1.0
 * @param replaceUnknown an output {@code <unk>} is replaced by the source token it attends to most (Luong et al. 2015);
 *                     default true
 */
public record SourceAttentionConfig(
        @JsonPropertyDescription("How a source step is scored against the decoder state: dot, general (default; a learned bilinear form) "
                + "or additive (v . tanh(W h + U s))")
        AttentionScore score,
        @JsonPropertyDescription("Feed the previous step's attentional state into the decoder's next input (Luong et al. 2015); default true")
        Boolean inputFeeding,
        @JsonPropertyDescription("additive score: hidden size of the scorer; default the decoder's state size")
        Integer size,
        @JsonPropertyDescription("Beam width for evaluation (validation included) and prediction; 1 is greedy search; default 5")
        Integer beamSize,
        @JsonPropertyDescription("Beam search length normalisation: a hypothesis scores log p / length^length_penalty; 0 for none; default 1.0")
        Double lengthPenalty,
        @JsonPropertyDescription("Replace an output <unk> by the source token it attends to most (Luong et al. 2015); default true")
        Boolean replaceUnknown) {

    public SourceAttentionConfig {
        score = score == null ? AttentionScore.GENERAL : score;
        inputFeeding = inputFeeding == null || inputFeeding;
        beamSize = beamSize == null ? 5 : beamSize;
        lengthPenalty = lengthPenalty == null ? 1.0 : lengthPenalty;
        replaceUnknown = replaceUnknown == null || replaceUnknown;
    }

    /** These settings with another beam width. */
    public SourceAttentionConfig withBeamSize(int beam) {
        return new SourceAttentionConfig(score, inputFeeding, size, beam, lengthPenalty, replaceUnknown);
    }
}
