package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the token vocabulary is built from the training split (ids 0 = padding and 1 = unknown are reserved).
 *
 * @param maxSize keep at most this many tokens, the most frequent first (reserved ids not counted);
 *                default unlimited, or input.vocab_size minus 2 when that is set
 * @param minFreq keep only tokens seen at least this often in the training split; default 1
 */
public record VocabularyConfig(
        @JsonPropertyDescription("Keep at most this many tokens, most frequent first (padding and unknown not counted); default unlimited, or input.vocab_size - 2 when set")
        Integer maxSize,
        @JsonPropertyDescription("Keep only tokens seen at least this often in the training split; default 1")
        Integer minFreq) {

    public VocabularyConfig {
        minFreq = minFreq == null ? 1 : minFreq;
    }

    /** All defaults: every training token. */
    public static VocabularyConfig defaults() {
        return new VocabularyConfig(null, null);
    }
}
