package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The kind of data pipeline a config needs, which follows from its input and output types.
 */
public enum DataFamily implements ConfigEnum {
    /** One text per row with a class or a number (SST-2). */
    @JsonProperty("text_classification") TEXT_CLASSIFICATION,
    /** One tag per token (CoNLL-2003). */
    @JsonProperty("tagging") TAGGING,
    /** Numeric columns cut into sliding windows (forecasting). */
    @JsonProperty("time_series") TIME_SERIES,
    /** Running text cut into sequences with next-token labels. */
    @JsonProperty("generation") GENERATION,
    /** Source/target text pairs for an encoder-decoder (dates in many formats → ISO 8601). */
    @JsonProperty("seq2seq") SEQ2SEQ;

    /**
     * The pipeline for an input/output type pair, or empty when no pipeline reads that combination.
     *
     * <p>classification/regression over tokens → text classification; tagging → tagging; forecast, or
     * regression/sequence_regression over dense input → time series; generation → generation; seq2seq over tokens → seq2seq.
     */
    public static Optional<DataFamily> of(InputType input, OutputType output) {
        boolean tokens = input != InputType.DENSE;
        DataFamily family = switch (output) {
            case CLASSIFICATION -> tokens ? TEXT_CLASSIFICATION : null;
            case REGRESSION -> tokens ? TEXT_CLASSIFICATION : TIME_SERIES;
            case TAGGING -> tokens ? TAGGING : null;
            case SEQUENCE_REGRESSION -> tokens ? null : TIME_SERIES;
            case FORECAST -> tokens ? null : TIME_SERIES;
            case GENERATION -> tokens ? GENERATION : null;
            case SEQ2SEQ -> tokens ? SEQ2SEQ : null;
        };
        return Optional.ofNullable(family);
    }

    /** The YAML key of this family's sub-section of {@code data}. */
    public String sectionKey() {
        return switch (this) {
            case TEXT_CLASSIFICATION -> "text";
            case TAGGING -> "tagging";
            case TIME_SERIES -> "time_series";
            case GENERATION -> "generation";
            case SEQ2SEQ -> "seq2seq";
        };
    }
}
