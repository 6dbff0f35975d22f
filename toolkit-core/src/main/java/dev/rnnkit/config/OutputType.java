package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The head of the network; it fixes the recurrent shape of the task.
 */
public enum OutputType implements ConfigEnum {
    /** Many-to-one classification (sentiment). */
    @JsonProperty("classification") CLASSIFICATION(false, true),
    /** Many-to-one regression. */
    @JsonProperty("regression") REGRESSION(false, false),
    /** Many-to-many aligned classification: one label per input step (NER, tagging). */
    @JsonProperty("tagging") TAGGING(true, true),
    /** Many-to-many aligned regression: one value vector per input step. */
    @JsonProperty("sequence_regression") SEQUENCE_REGRESSION(true, false),
    /** Next-step prediction over the input vocabulary (one-to-many generation by sampling). */
    @JsonProperty("generation") GENERATION(true, true),
    /** Multi-step forecasting: {@code horizon} future steps of every target from the last state. */
    @JsonProperty("forecast") FORECAST(false, false),
    /** Many-to-many unaligned: encoder, repeat vector, decoder (sequence-to-sequence). */
    @JsonProperty("seq2seq") SEQ2SEQ(true, true);

    private final boolean perStep;
    private final boolean categorical;

    OutputType(boolean perStep, boolean categorical) {
        this.perStep = perStep;
        this.categorical = categorical;
    }

    /** True when the head emits one output per time step rather than one per sequence. */
    public boolean perStep() {
        return perStep;
    }

    /** True when the head predicts classes (softmax) rather than real values. */
    public boolean categorical() {
        return categorical;
    }
}
