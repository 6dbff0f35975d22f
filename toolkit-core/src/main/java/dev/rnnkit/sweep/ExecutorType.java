package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rnnkit.config.ConfigEnum;

/** Where the trials of a sweep run. */
public enum ExecutorType implements ConfigEnum {
    /** Processes on this machine, {@code parallel} at a time (default). */
    @JsonProperty("local") LOCAL,
    /** One Slurm job array; each array task trains one trial. */
    @JsonProperty("slurm") SLURM;
}
