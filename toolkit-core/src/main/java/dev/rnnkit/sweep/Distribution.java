package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rnnkit.config.ConfigEnum;

/** How a random sweep draws a number between {@code min} and {@code max}. */
public enum Distribution implements ConfigEnum {
    /** Any number, evenly. */
    @JsonProperty("uniform") UNIFORM,
    /** Evenly on a log scale: as many draws between 0.0001 and 0.001 as between 0.001 and 0.01 (learning rates). */
    @JsonProperty("log_uniform") LOG_UNIFORM,
    /** A whole number, both ends included. */
    @JsonProperty("int_uniform") INT_UNIFORM;
}
