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
 */
public record SourceAttentionConfig(
        @JsonPropertyDescription("How a source step is scored against the decoder state: dot, general (default; a learned bilinear form) "
                + "or additive (v . tanh(W h + U s))")
        AttentionScore score,
        @JsonPropertyDescription("Feed the previous step's attentional state into the decoder's next input (Luong et al. 2015); default true")
        Boolean inputFeeding,
        @JsonPropertyDescription("additive score: hidden size of the scorer; default the decoder's state size")
        Integer size) {

    public SourceAttentionConfig {
        score = score == null ? AttentionScore.GENERAL : score;
        inputFeeding = inputFeeding == null || inputFeeding;
    }
}
