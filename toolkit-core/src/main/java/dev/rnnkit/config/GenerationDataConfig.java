package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Fixed-length training sequences cut from running text for next-token generation.
 *
 * @param sequenceLength input steps per sequence (the labels are the same steps shifted by one); default 100
 * @param stride         tokens between consecutive sequence starts; default sequence_length (no overlap)
 * @param heldOut        how validation_split/test_split hold data out: text (the last fraction of the
 *                       concatenated text; default) or files (the last fraction of the files, by name)
 */
public record GenerationDataConfig(
        @JsonPropertyDescription("Input steps per sequence; labels are the same steps shifted by one token; default 100")
        Integer sequenceLength,
        @JsonPropertyDescription("Tokens between consecutive sequence starts; default sequence_length (no overlap)")
        Integer stride,
        @JsonPropertyDescription("What validation_split/test_split hold out: text (last fraction of the concatenated text; default) or files (last files by name)")
        HeldOut heldOut) {

    /** Default sequence length. */
    public static final int DEFAULT_SEQUENCE_LENGTH = 100;

    public GenerationDataConfig {
        sequenceLength = sequenceLength == null ? DEFAULT_SEQUENCE_LENGTH : sequenceLength;
        stride = stride == null ? sequenceLength : stride;
        heldOut = heldOut == null ? HeldOut.TEXT : heldOut;
    }

    /** All defaults. */
    public static GenerationDataConfig defaults() {
        return new GenerationDataConfig(null, null, null);
    }

    /** The unit held out for validation and test. */
    public enum HeldOut implements ConfigEnum {
        @JsonProperty("text") TEXT,
        @JsonProperty("files") FILES;
    }
}
