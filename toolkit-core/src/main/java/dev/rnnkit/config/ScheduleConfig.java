package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A learning-rate schedule; t counts iterations or epochs as {@code unit} says.
 *
 * @param type        constant (default), step, exponential, inverse, poly
 * @param unit        iteration or epoch; default epoch
 * @param decayRate   step, exponential, inverse: the decay factor
 * @param decaySteps  step: how many units between decays
 * @param power       inverse, poly: the exponent; default 1
 * @param maxSteps    poly: the unit count at which the rate reaches 0
 * @param warmupSteps linear warm-up from 0 over this many units; default 0
 */
public record ScheduleConfig(
        @JsonPropertyDescription("constant (default), step, exponential, inverse, poly")
        ScheduleType type,
        @JsonPropertyDescription("What t counts: iteration or epoch (default)")
        Unit unit,
        @JsonPropertyDescription("Decay factor (step, exponential, inverse)")
        Double decayRate,
        @JsonPropertyDescription("Units between decays (step)")
        Integer decaySteps,
        @JsonPropertyDescription("Exponent (inverse, poly); default 1")
        Double power,
        @JsonPropertyDescription("Units until the rate reaches zero (poly)")
        Integer maxSteps,
        @JsonPropertyDescription("Linear warm-up from zero over this many units; default 0")
        Integer warmupSteps) {

    /** What the schedule's time counts. */
    public enum Unit implements ConfigEnum {
        @JsonProperty("iteration") ITERATION,
        @JsonProperty("epoch") EPOCH;
    }

    public ScheduleConfig {
        type = type == null ? ScheduleType.CONSTANT : type;
        unit = unit == null ? Unit.EPOCH : unit;
        power = power == null ? 1.0 : power;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    }

    /** A schedule that keeps the rate constant. */
    public static ScheduleConfig constant() {
        return new ScheduleConfig(null, null, null, null, null, null, null);
    }
}
