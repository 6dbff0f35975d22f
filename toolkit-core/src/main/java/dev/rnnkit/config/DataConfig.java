package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where the data comes from and how it is turned into tensors.
 *
 * <p>Placeholder shape for the foundation; the data pipelines define the full section.
 *
 * @param train      training file, relative to the data directory
 * @param validation validation file
 * @param test       test file
 */
public record DataConfig(
        @JsonPropertyDescription("Training file, relative to the data directory")
        String train,
        @JsonPropertyDescription("Validation file, relative to the data directory")
        String validation,
        @JsonPropertyDescription("Test file, relative to the data directory")
        String test) {
}
