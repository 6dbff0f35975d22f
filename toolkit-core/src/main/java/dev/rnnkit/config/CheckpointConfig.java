package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * When training writes resumable checkpoints and how many it keeps.
 *
 * @param everyEpochs     write a checkpoint after every N epochs (0 = never by epoch); default 1
 * @param everyIterations write a checkpoint after every N minibatches (0 = never by iteration); default 0
 * @param keepLast        checkpoints kept, oldest deleted first; default 3
 */
public record CheckpointConfig(
        @JsonPropertyDescription("Write a checkpoint after every N epochs; 0 = never by epoch; default 1")
        Integer everyEpochs,
        @JsonPropertyDescription("Write a checkpoint after every N minibatches; 0 (default) = never by iteration")
        Integer everyIterations,
        @JsonPropertyDescription("How many checkpoints to keep, oldest deleted first; default 3")
        Integer keepLast) {

    public CheckpointConfig {
        everyEpochs = everyEpochs == null ? 1 : everyEpochs;
        everyIterations = everyIterations == null ? 0 : everyIterations;
        keepLast = keepLast == null ? 3 : keepLast;
    }

    /** All defaults. */
    public static CheckpointConfig defaults() {
        return new CheckpointConfig(null, null, null);
    }
}
