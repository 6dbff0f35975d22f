package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rnnkit.config.ConfigEnum;

/** How a sweep turns its parameters into trials. */
public enum SweepMethod implements ConfigEnum {
    /** Every combination of the parameters' values, the last parameter varying fastest (default). */
    @JsonProperty("grid") GRID,
    /** {@code count} draws from the parameters' values or distributions, seeded by {@code seed}. */
    @JsonProperty("random") RANDOM,
    /** Exactly the trials written under {@code variants}. */
    @JsonProperty("list") LIST;
}
