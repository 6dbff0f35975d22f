package dev.rnnkit.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rnnkit.config.ConfigEnum;

/** Which score of a run ranks it: the validation score of its kept model, or its final evaluation. */
public enum MetricSplit implements ConfigEnum {
    /** The metric on the validation split at the run's best epoch, the model the run keeps (default). */
    @JsonProperty("validation") VALIDATION,
    /** The metric of the run's final evaluation (the test split when the config has one). */
    @JsonProperty("test") TEST;
}
