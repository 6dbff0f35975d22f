package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Pretrained word vectors that initialise the embedding layer.
 *
 * @param path   the vectors file, relative to the data directory; required
 * @param format text (GloVe, or word2vec text with a header line; default) or binary (word2vec .bin)
 */
public record PretrainedEmbeddingsConfig(
        @JsonPropertyDescription("Word-vector file relative to the data directory (GloVe or word2vec); required")
        String path,
        @JsonPropertyDescription("text (GloVe, or word2vec text format; default) or binary (word2vec .bin)")
        Format format) {

    public PretrainedEmbeddingsConfig {
        format = format == null ? Format.TEXT : format;
    }

    /** The layout of a word-vector file. */
    public enum Format implements ConfigEnum {
        @JsonProperty("text") TEXT,
        @JsonProperty("binary") BINARY;
    }
}
