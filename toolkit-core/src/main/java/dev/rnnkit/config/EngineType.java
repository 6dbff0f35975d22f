package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where training runs: one device, all cores or GPUs of one machine, or a Spark cluster. */
public enum EngineType implements ConfigEnum {
    /** One process fits minibatches one after another on one device (default). */
    @JsonProperty("local") LOCAL,
    /** DL4J's ParallelWrapper: several workers on the cores or GPUs of this machine, parameters averaged. */
    @JsonProperty("parallel") PARALLEL,
    /** DL4J's Spark training: workers on Spark executors, embedded ({@code local[*]}) or on a cluster. */
    @JsonProperty("spark") SPARK;
}
