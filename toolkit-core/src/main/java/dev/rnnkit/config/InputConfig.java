package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What the network reads at each time step.
 *
 * @param type          embedding (token ids), dense (feature vectors) or one_hot (characters); default embedding
 * @param vocabSize     vocabulary size for embedding and one_hot; omitted means "taken from the data"
 * @param embeddingSize embedding dimension (embedding only); default 64
 * @param featureSize   features per step (dense only); omitted means "taken from the data"
 * @param wordFeatures  per-token features computed from each word's original spelling and fed beside its id
 *                      (embedding input over words only); default none
 * @param wordDropout   training only: the probability of replacing each known token id with the unknown id in a
 *                      minibatch, so the unknown token's embedding is learned and no single word is relied on (word
 *                      dropout, Iyyer et al. 2015; unknown-word replacement, Lample et al. 2016); default 0
 * @param charEncoder   a character-level encoder of each word, concatenated with its embedding (word-level embedding
 *                      input for tagging or text classification); default none. The network becomes a
 *                      ComputationGraph with a second input holding each word's characters
 */
public record InputConfig(
        @JsonPropertyDescription("embedding (token ids), dense (feature vectors per step) or one_hot (characters)")
        InputType type,
        @JsonPropertyDescription("Vocabulary size for embedding/one_hot input; omit to take it from the data")
        Integer vocabSize,
        @JsonPropertyDescription("Embedding dimension (embedding input only); default 64")
        Integer embeddingSize,
        @JsonPropertyDescription("Features per time step (dense input only); omit to take it from the data")
        Integer featureSize,
        @JsonPropertyDescription("Per-token features fed beside each token id, computed from the word as written (before lowercasing): "
                + "casing (8 classes: all_lower, all_upper, initial_capital, mixed_case, numeric, contains_digit, punctuation, other). "
                + "Embedding input with word-level text classification or tagging data only; default none")
        List<WordFeature> wordFeatures,
        @JsonPropertyDescription("Training only: probability of replacing each known token with the unknown token in every minibatch, "
                + "so the unknown token's embedding is learned and the model does not lean on single words (embedding input only); default 0")
        Double wordDropout,
        @JsonPropertyDescription("A character-level encoder of each word (cnn or bilstm) whose output is concatenated with the word's "
                + "embedding, so unseen names, suffixes and capitalisation are read (embedding input over words, tagging or "
                + "text classification); default none")
        CharEncoderConfig charEncoder) {

    /** Default embedding dimension. */
    public static final int DEFAULT_EMBEDDING_SIZE = 64;

    public InputConfig {
        type = type == null ? InputType.EMBEDDING : type;
        if (embeddingSize == null && type == InputType.EMBEDDING) {
            embeddingSize = DEFAULT_EMBEDDING_SIZE;
        }
        wordFeatures = wordFeatures == null ? List.of() : List.copyOf(wordFeatures);
        wordDropout = wordDropout == null ? 0.0 : wordDropout;
    }

    /** True when the network reads each word's characters beside its id (a ComputationGraph with two inputs). */
    public boolean readsCharacters() {
        return charEncoder != null;
    }

    /** The channels the word features add per step: 0 when there are none. */
    public int wordFeatureWidth() {
        return WordFeature.totalWidth(wordFeatures);
    }
}
