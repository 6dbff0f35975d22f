package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A CoNLL-style column file: one token per line, a blank line between sentences.
 *
 * @param tokenColumn 0-based token column; negative counts from the end; default 0
 * @param tagColumn   0-based tag column; negative counts from the end; default -1 (the last)
 * @param delimiter   one-character column separator; default any run of spaces or tabs
 * @param inputScheme the tag scheme of the files: iob1, iob2 (default) or iobes
 * @param scheme      the scheme the network is trained on (tags are converted); default iob2
 * @param tagErrors   what a tag that breaks {@code inputScheme} does: {@link TagErrors#REPAIR} (default) reads
 *                    it as conlleval does, {@link TagErrors#STRICT} rejects its sentence
 * @param maxLength   keep at most this many tokens per sentence; default {@value DataConfig#DEFAULT_MAX_LENGTH}
 */
public record TaggingDataConfig(
        @JsonPropertyDescription("0-based token column (negative counts from the end); default 0")
        Integer tokenColumn,
        @JsonPropertyDescription("0-based tag column (negative counts from the end); default -1, the last")
        Integer tagColumn,
        @JsonPropertyDescription("One-character column separator; default any run of spaces or tabs")
        String delimiter,
        @JsonPropertyDescription("Tag scheme of the files: iob1, iob2 (default) or iobes")
        TagScheme inputScheme,
        @JsonPropertyDescription("Tag scheme the network is trained on; tags are converted to it; default iob2")
        TagScheme scheme,
        @JsonPropertyDescription("What a tag that breaks input_scheme does: repair (default) reads it as conlleval does (an I-X, "
                + "or in iobes an E-X, that continues no open X entity starts one; an iobes entity without its E-X ends where it "
                + "stops) and counts the repairs per file in the read summary; strict rejects the sentence as a tag scheme "
                + "violation (data.on_error decides whether that stops the run). A tag without a valid prefix (PER, X-PER) is "
                + "an error either way")
        TagErrors tagErrors,
        @JsonPropertyDescription("Truncate sentences to their first max_length tokens, in training, evaluation and prediction alike; default "
                + DataConfig.DEFAULT_MAX_LENGTH)
        Integer maxLength) {

    public TaggingDataConfig {
        tokenColumn = tokenColumn == null ? 0 : tokenColumn;
        tagColumn = tagColumn == null ? -1 : tagColumn;
        inputScheme = inputScheme == null ? TagScheme.IOB2 : inputScheme;
        scheme = scheme == null ? TagScheme.IOB2 : scheme;
        tagErrors = tagErrors == null ? TagErrors.REPAIR : tagErrors;
        maxLength = maxLength == null ? DataConfig.DEFAULT_MAX_LENGTH : maxLength;
    }

    /** All defaults: token in the first column, IOB2 tag in the last. */
    public static TaggingDataConfig defaults() {
        return new TaggingDataConfig(null, null, null, null, null, null, null);
    }

    /** How entity spans are written as per-token tags. */
    public enum TagScheme implements ConfigEnum {
        /** I-X everywhere; B-X only where an entity directly follows one of the same type. */
        @JsonProperty("iob1") IOB1,
        /** B-X begins every entity, I-X continues it. */
        @JsonProperty("iob2") IOB2,
        /** B-X begin, I-X inside, E-X end, S-X single-token entity. */
        @JsonProperty("iobes") IOBES;
    }

    /** What reading does with a tag that breaks the input scheme but has a valid prefix (I-X after O, say). */
    public enum TagErrors implements ConfigEnum {
        /**
         * Read it as conlleval does: an I-X or E-X that continues no open entity of type X starts one, and an iobes
         * entity not ended by E-X ends at its last tag; each repair is counted in the read summary.
         */
        @JsonProperty("repair") REPAIR,
        /** Reject the sentence as a tag scheme violation ({@code data.on_error} decides whether that stops the run). */
        @JsonProperty("strict") STRICT;
    }
}
