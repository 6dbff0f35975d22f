package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A learning-rate schedule; t counts iterations or epochs as {@code unit} says.
 *
 * @param type        constant (default), step, exponential, inverse, poly, plateau
 * @param unit        iteration or epoch; default epoch
 * @param decayRate   step, exponential, inverse, plateau: the decay factor (plateau: default 0.5)
 * @param decaySteps  step: how many units between decays
 * @param power       inverse, poly: the exponent; default 1
 * @param maxSteps    poly: the unit count at which the rate reaches 0
 * @param warmupSteps linear warm-up from 0 over this many units; default 0
 * @param patience    plateau: epochs without improvement of the watched validation metric before the rate is
 *                    multiplied by {@code decay_rate}; default 2
 * @param minLearningRate plateau: the rate never goes below this; default 0
 */
public record ScheduleConfig(
        @JsonPropertyDescription("constant (default), step, exponential, inverse, poly, or plateau (multiply the rate by decay_rate when the validation metric that early stopping watches has not improved for patience epochs, as Keras's ReduceLROnPlateau)")
        ScheduleType type,
        @JsonPropertyDescription("What t counts: iteration or epoch (default)")
        Unit unit,
        @JsonPropertyDescription("Decay factor (step, exponential, inverse, plateau; plateau default 0.5)")
        Double decayRate,
        @JsonPropertyDescription("Units between decays (step)")
        Integer decaySteps,
        @JsonPropertyDescription("Exponent (inverse, poly); default 1")
        Double power,
        @JsonPropertyDescription("Units until the rate reaches zero (poly)")
        Integer maxSteps,
        @JsonPropertyDescription("Linear warm-up from zero over this many units; default 0")
        Integer warmupSteps,
        @JsonPropertyDescription("plateau: epochs without improvement before the rate is lowered; default 2")
        Integer patience,
        @JsonPropertyDescription("plateau: the lowest rate; default 0")
        Double minLearningRate) {

    /** Plateau: the default factor and patience. */
    public static final double DEFAULT_PLATEAU_FACTOR = 0.5;
    public static final int DEFAULT_PLATEAU_PATIENCE = 2;

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
        if (type == ScheduleType.PLATEAU) {
            decayRate = decayRate == null ? DEFAULT_PLATEAU_FACTOR : decayRate;
            patience = patience == null ? DEFAULT_PLATEAU_PATIENCE : patience;
            minLearningRate = minLearningRate == null ? 0.0 : minLearningRate;
        }
    }

    /** A schedule that keeps the rate constant. */
    public static ScheduleConfig constant() {
        return new ScheduleConfig(null, null, null, null, null, null, null, null, null);
    }
}
