package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a many-to-one head reduces the recurrent outputs over time; padded steps are ignored. */
public enum ReduceOutput implements ConfigEnum {
    /** The output at the last real (unmasked) step; for bidirectional layers the backward direction's final state. */
    @JsonProperty("last") LAST,
    /** The mean over real steps. */
    @JsonProperty("mean") MEAN,
    /** The element-wise maximum over real steps. */
    @JsonProperty("max") MAX,
    /** A weighted mean over real steps, the weights learned by additive attention (Bahdanau et al. 2015; Yang et al. 2016). */
    @JsonProperty("attention") ATTENTION;
}
