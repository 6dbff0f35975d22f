package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Settings of the {@code parallel} engine: DL4J's {@code ParallelWrapper} with parameter averaging.
 *
 * <p>Each worker fits its own minibatches on a copy of the network; every {@code averaging_frequency} minibatches
 * per worker the copies' parameters and optimizer states are averaged. Workers default to the GPUs ND4J sees, or
 * to the processors available when it runs on the CPU.
 *
 * @param workers            model copies trained at once (at least 2); default the GPU count, else the processor count
 * @param averagingFrequency minibatches each worker fits between averagings; default 1
 * @param prefetch           minibatches read ahead per worker; default 2
 */
public record ParallelConfig(
        @JsonPropertyDescription("Model copies trained at once, at least 2; default: the GPUs ND4J sees, else the processors available (at least 2)")
        Integer workers,
        @JsonPropertyDescription("Minibatches each worker fits between two averagings of parameters and optimizer state; default 1")
        Integer averagingFrequency,
        @JsonPropertyDescription("Minibatches read ahead per worker; default 2")
        Integer prefetch) {

    public ParallelConfig {
        averagingFrequency = averagingFrequency == null ? 1 : averagingFrequency;
        prefetch = prefetch == null ? 2 : prefetch;
        // workers stays null when unset: its default depends on the machine the job runs on.
    }

    /** All defaults. */
    public static ParallelConfig defaults() {
        return new ParallelConfig(null, null, null);
    }
}
