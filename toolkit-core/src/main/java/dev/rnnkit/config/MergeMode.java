package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the forward and backward outputs of a bidirectional layer are combined. */
public enum MergeMode implements ConfigEnum {
    /** Concatenate: the output is twice the state size. */
    @JsonProperty("concat") CONCAT,
    @JsonProperty("sum") SUM,
    @JsonProperty("mul") MUL,
    @JsonProperty("average") AVERAGE;
}
