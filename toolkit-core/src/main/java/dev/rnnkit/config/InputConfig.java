package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the network reads at each time step.
 *
 * @param type          embedding (token ids), dense (feature vectors) or one_hot (characters); default embedding
 * @param vocabSize     vocabulary size for embedding and one_hot; omitted means "taken from the data"
 * @param embeddingSize embedding dimension (embedding only); default 64
 * @param featureSize   features per step (dense only); omitted means "taken from the data"
 */
public record InputConfig(
        @JsonPropertyDescription("embedding (token ids), dense (feature vectors per step) or one_hot (characters)")
        InputType type,
        @JsonPropertyDescription("Vocabulary size for embedding/one_hot input; omit to take it from the data")
        Integer vocabSize,
        @JsonPropertyDescription("Embedding dimension (embedding input only); default 64")
        Integer embeddingSize,
        @JsonPropertyDescription("Features per time step (dense input only); omit to take it from the data")
        Integer featureSize) {

    /** Default embedding dimension. */
    public static final int DEFAULT_EMBEDDING_SIZE = 64;

    public InputConfig {
        type = type == null ? InputType.EMBEDDING : type;
        if (embeddingSize == null && type == InputType.EMBEDDING) {
            embeddingSize = DEFAULT_EMBEDDING_SIZE;
        }
    }
}
