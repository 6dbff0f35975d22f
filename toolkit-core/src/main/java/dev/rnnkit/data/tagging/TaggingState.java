package dev.rnnkit.data.tagging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.TaggingDataConfig.TagScheme;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.config.WordFeature;
import dev.rnnkit.data.Tensors;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.data.WordCharacters;
import dev.rnnkit.data.WordShapes;
import dev.rnnkit.model.ClassCounts;
import dev.rnnkit.model.DataShape;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * What token tagging fitted on the training split: token normalisation, vocabulary and tag set.
 *
 * @param inputType  embedding ([b, 1, T] ids, or [b, 1 + K, T] with word features) or one_hot ([b, V, T])
 * @param tokenizer  token normalisation (lowercase, strip_punctuation); tokens come pre-split
 * @param maxLength  the truncation length, or null for none
 * @param vocabulary the token vocabulary (0 = padding, 1 = unknown)
 * @param tags       the tag names by index, in the training scheme
 * @param scheme       the scheme the tags are written in
 * @param wordFeatures the word features computed from each token as written ({@code input.word_features});
 *                     empty, and then left out of the JSON, when there are none (artefacts from before they existed)
 * @param tagCounts    real (unmasked, after truncation) training tokens per tag, in tag order (what
 *                     {@code class_weights: auto} balances); empty in artefacts from before they were recorded
 * @param characters   the character alphabet of {@code input.char_encoder}, or null when the network reads no
 *                     characters (then batches have one features array)
 */
public record TaggingState(InputType inputType, TokenizerConfig tokenizer, Integer maxLength, Vocabulary vocabulary,
                           Vocabulary tags, TagScheme scheme,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WordFeature> wordFeatures,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> tagCounts,
                           @JsonInclude(JsonInclude.Include.NON_NULL) WordCharacters characters) {

    public TaggingState {
        wordFeatures = wordFeatures == null ? List.of() : List.copyOf(wordFeatures);
        tagCounts = tagCounts == null ? List.of() : List.copyOf(tagCounts);
    }

    /** This state with the training tag counts, known once the training split is encoded. */
    public TaggingState withTagCounts(ClassCounts counts) {
        return new TaggingState(inputType, tokenizer, maxLength, vocabulary, tags, scheme, wordFeatures, counts.counts(), characters);
    }

    /** The token ids of one pre-split sentence. */
    public int[] encodeTokens(List<String> tokens) {
        Tokenizer t = new Tokenizer(tokenizer);
        return vocabulary.encode(tokens.stream().map(t::normalize).toList(), maxLength);
    }

    /** The word-feature classes {@code [feature][token]} of a sentence's first {@code length} tokens, as written. */
    public int[][] wordClasses(List<String> tokens, int length) {
        return WordShapes.classes(wordFeatures, tokens, length);
    }

    /** The character ids {@code [token][char]} of a sentence's first {@code length} tokens, or null without characters. */
    public int[][] characterIds(List<String> tokens, int length) {
        return characters == null ? null : characters.encode(tokens, length);
    }

    /** Features and masks for raw sentences (no labels), in the given order. */
    public MultiDataSet encode(List<List<String>> sentences) {
        List<int[]> ids = sentences.stream().map(this::encodeTokens).toList();
        List<int[][]> classes = new ArrayList<>(ids.size());
        List<int[][]> chars = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            classes.add(wordClasses(sentences.get(i), ids.get(i).length));
            chars.add(characterIds(sentences.get(i), ids.get(i).length));
        }
        return batch(ids, classes, chars, null);
    }

    /**
     * A batch in the training layout; {@code wordClasses} (from {@link #wordClasses}) fill the feature channels
     * after the ids; with characters, the arrays of {@link WordCharacters#graphInputs} (ids, word features, characters)
     * under the same mask; {@code tagIds} (may be null) become one-hot labels [b, C, T].
     */
    public MultiDataSet batch(List<int[]> ids, List<int[][]> wordClasses, List<int[][]> chars, List<int[]> tagIds) {
        int steps = Math.max(1, Tensors.maxLength(ids));
        INDArray mask = Tensors.mask(ids, steps);
        INDArray tokens = Tensors.tokenFeatures(ids, wordClasses, wordFeatures, steps, inputType, vocabulary.size());
        INDArray[] features = characters == null ? new INDArray[] {tokens} : characters.graphInputs(tokens, chars);
        INDArray[] masks = java.util.Collections.nCopies(features.length, mask).toArray(INDArray[]::new);
        INDArray[] labels = tagIds == null ? null : new INDArray[] {Tensors.oneHotSequences(tagIds, tags.size(), steps)};
        return new MultiDataSet(features, labels, masks, tagIds == null ? null : new INDArray[] {mask});
    }

    /** The predicted tag of each real step of a [b, C, T] output; {@code mask} [b, T] tells the lengths. */
    public List<List<String>> decodeTags(INDArray output, INDArray mask) {
        INDArray best = output.argMax(1);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < output.size(0); i++) {
            int len = mask.getRow(i).sumNumber().intValue();
            List<String> sentence = new ArrayList<>(len);
            for (int t = 0; t < len; t++) {
                sentence.add(tags.entry(best.getInt(i, t)));
            }
            out.add(sentence);
        }
        return out;
    }

    /** Sizes for the model builder. */
    public DataShape shape() {
        return new DataShape(vocabulary.size(), null, tags.size(), null,
                tagCounts.isEmpty() ? null : new ClassCounts(tags.entries(), tagCounts),
                characters == null ? null : characters.alphabet().size());
    }
}
