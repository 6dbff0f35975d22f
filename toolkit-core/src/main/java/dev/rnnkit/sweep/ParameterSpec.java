package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The values one config key takes in a sweep: a list, or (random sweeps) a distribution between two numbers.
 *
 * @param values       the values to try, in order
 * @param distribution random sweeps: how to draw a number in [min, max] instead of from a list
 * @param min          the smallest value of the distribution
 * @param max          the largest value of the distribution
 */
public record ParameterSpec(
        @JsonPropertyDescription("The values to try, e.g. [lstm, gru] or [32, 64]; any YAML value the config key accepts")
        List<JsonNode> values,
        @JsonPropertyDescription("Random sweeps only: draw from uniform, log_uniform or int_uniform between min and max instead of a list")
        Distribution distribution,
        @JsonPropertyDescription("The smallest value of the distribution")
        Double min,
        @JsonPropertyDescription("The largest value of the distribution")
        Double max) {

    public ParameterSpec {
        values = values == null ? null : List.copyOf(values);
    }
}
