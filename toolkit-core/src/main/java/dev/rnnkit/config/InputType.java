package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the network reads at each time step. */
public enum InputType implements ConfigEnum {
    /** Token ids looked up in a learned embedding. */
    @JsonProperty("embedding") EMBEDDING,
    /** A dense feature vector per step (time series). */
    @JsonProperty("dense") DENSE,
    /** A one-hot vector per step (characters). */
    @JsonProperty("one_hot") ONE_HOT;
}
