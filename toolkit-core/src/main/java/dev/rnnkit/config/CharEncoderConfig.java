package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A character-level encoder of each word, whose output is concatenated with the word's embedding.
 *
 * <p>{@code bilstm} reads a word's characters forwards and backwards and keeps both final states (Lample et al.
 * 2016); {@code cnn} convolves over them and keeps the maximum of each filter (Ma &amp; Hovy 2016). Both see
 * unseen names, suffixes and capitalisation that a word vocabulary cannot.
 *
 * @param type           cnn (default) or bilstm
 * @param embeddingSize  character embedding size; default 25
 * @param outputSize     features per word: filters (cnn) or both directions' states together (bilstm, even); default 50
 * @param maxWordLength  characters read per word, longer words keep their start and end; default 20
 * @param kernelWidth    cnn: characters per convolution window (odd); default 3
 * @param minCount       characters seen fewer times in training map to unknown; default 1
 * @param alphabetSize   characters kept, the most frequent first, padding and unknown included; omitted means all
 *                       characters of the training data
 */
public record CharEncoderConfig(
        @JsonPropertyDescription("cnn (default: convolution + max pooling over each word's characters, Ma & Hovy 2016) "
                + "or bilstm (forward and backward LSTM over the characters, Lample et al. 2016)")
        Type type,
        @JsonPropertyDescription("Character embedding size; default 25")
        Integer embeddingSize,
        @JsonPropertyDescription("Features per word: cnn filters, or bilstm states of both directions together (even); default 50")
        Integer outputSize,
        @JsonPropertyDescription("Characters read per word; a longer word keeps its first and last characters; default 20")
        Integer maxWordLength,
        @JsonPropertyDescription("cnn: characters per convolution window (odd); default 3")
        Integer kernelWidth,
        @JsonPropertyDescription("Characters seen fewer times than this in the training split read as unknown; default 1")
        Integer minCount,
        @JsonPropertyDescription("Characters kept (the most frequent in training), padding and unknown included; omit to keep "
                + "every character of the training data")
        Integer alphabetSize) {

    public CharEncoderConfig {
        type = type == null ? Type.CNN : type;
        embeddingSize = embeddingSize == null ? 25 : embeddingSize;
        outputSize = outputSize == null ? 50 : outputSize;
        maxWordLength = maxWordLength == null ? 20 : maxWordLength;
        kernelWidth = kernelWidth == null ? 3 : kernelWidth;
        minCount = minCount == null ? 1 : minCount;
    }

    /** The kind of character encoder. */
    public enum Type implements ConfigEnum {
        /** Convolution over characters with max pooling (Ma &amp; Hovy 2016). */
        @JsonProperty("cnn") CNN,
        /** Bidirectional LSTM over characters, final states concatenated (Lample et al. 2016). */
        @JsonProperty("bilstm") BILSTM;
    }
}
