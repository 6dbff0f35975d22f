package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Learning-rate schedules. */
public enum ScheduleType implements ConfigEnum {
    /** The learning rate does not change. */
    @JsonProperty("constant") CONSTANT,
    /** lr * decay_rate ^ floor(t / decay_steps). */
    @JsonProperty("step") STEP,
    /** lr * decay_rate ^ t. */
    @JsonProperty("exponential") EXPONENTIAL,
    /** lr / (1 + decay_rate * t) ^ power. */
    @JsonProperty("inverse") INVERSE,
    /** lr * (1 - t / max_steps) ^ power. */
    @JsonProperty("poly") POLY,
    /** lr * decay_rate each time the watched validation metric has not improved for patience epochs (Keras's ReduceLROnPlateau). */
    @JsonProperty("plateau") PLATEAU;
}
