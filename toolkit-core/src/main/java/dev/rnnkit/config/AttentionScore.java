package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an attention decoder scores each source step against its current state (Luong et al. 2015; Bahdanau et al. 2015). */
public enum AttentionScore implements ConfigEnum {
    /** h_t · s_j: no parameters; the decoder state and the encoder output must be equally wide. */
    @JsonProperty("dot") DOT,
    /** h_t W s_j: a learned bilinear form (Luong's "general"). */
    @JsonProperty("general") GENERAL,
    /** v · tanh(W h_t + U s_j): a one-hidden-layer scorer (Bahdanau's "concat"/additive). */
    @JsonProperty("additive") ADDITIVE;
}
