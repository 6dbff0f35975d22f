package dev.rnnkit.data.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.config.Truncation;
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
 * What text classification fitted on the training split: tokenizer, vocabulary and label map.
 *
 * @param inputType  embedding ([b, 1, T] ids, or [b, 1 + K, T] with word features) or one_hot ([b, V, T])
 * @param outputType classification (labels [b, C]) or regression (labels [b, 1])
 * @param tokenizer  the tokenizer settings
 * @param maxLength  the truncation length, or null for none
 * @param truncation which tokens of a longer text are kept; {@link Truncation#HEAD} when absent (artefacts from
 *                   before it existed, which all kept the first tokens) and then left out of the JSON, so that
 *                   head artefacts stay as they were
 * @param vocabulary the token vocabulary (0 = padding, 1 = unknown)
 * @param labels       the class names by index; null for regression
 * @param wordFeatures the word features computed from each word as written ({@code input.word_features});
 *                     empty, and then left out of the JSON, when there are none (artefacts from before they existed)
 * @param labelCounts  training examples per label, in label order (what {@code class_weights: auto} balances);
 *                     empty for regression and in artefacts from before they were recorded
 * @param characters   the character alphabet of {@code input.char_encoder}, or null when the network reads no characters
 */
public record TextClassificationState(InputType inputType, OutputType outputType, TokenizerConfig tokenizer,
                                      Integer maxLength,
                                      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitHead.class) Truncation truncation,
                                      Vocabulary vocabulary, Vocabulary labels,
                                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WordFeature> wordFeatures,
                                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> labelCounts,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) WordCharacters characters) {

    public TextClassificationState {
        truncation = truncation == null ? Truncation.HEAD : truncation;
        wordFeatures = wordFeatures == null ? List.of() : List.copyOf(wordFeatures);
        labelCounts = labelCounts == null ? List.of() : List.copyOf(labelCounts);
    }

    /** This state with the training label counts, known once the training split is encoded. */
    public TextClassificationState withLabelCounts(ClassCounts counts) {
        return new TextClassificationState(inputType, outputType, tokenizer, maxLength, truncation, vocabulary, labels, wordFeatures,
                counts.counts(), characters);
    }

    /** The tokens of one text, before truncation. */
    public List<String> tokens(String text) {
        return new Tokenizer(tokenizer).tokenize(text);
    }

    /** Whether {@link #encodeText} drops tokens of a text with these {@link #tokens}. */
    public boolean truncates(List<String> tokens) {
        return maxLength != null && tokens.size() > maxLength;
    }

    /** The tokens of one text that {@link #encodeText} keeps, in order (one per encoded id), as written. */
    public List<String> keptTokens(String text) {
        return wordsAsWritten(text);
    }

    /** The token ids of one text, truncated to {@code max_length} on the configured side. */
    public int[] encodeText(String text) {
        return encodeTokens(tokens(text));
    }

    /** The token ids of tokens from {@link #tokens}, truncated to {@code max_length} on the configured side. */
    public int[] encodeTokens(List<String> tokens) {
        return vocabulary.encode(truncation.keep(tokens, maxLength), null);
    }

    /**
     * The word-feature classes {@code [feature][token]} of the {@code length} tokens {@link #encodeText} keeps of a
     * text, computed from the words as written: tokenized like {@link #encodeText} but without lowercasing.
     */
    public int[][] wordClasses(String text, int length) {
        if (wordFeatures.isEmpty()) {
            return new int[0][];
        }
        return WordShapes.classes(wordFeatures, wordsAsWritten(text), length);
    }

    /** The character ids {@code [token][char]} of the tokens {@link #encodeText} keeps, as written; null without characters. */
    public int[][] characterIds(String text, int length) {
        return characters == null ? null : characters.encode(wordsAsWritten(text), length);
    }

    /** The text tokenized like {@link #encodeText} but without lowercasing, truncated the same way. */
    private List<String> wordsAsWritten(String text) {
        TokenizerConfig asWritten = new TokenizerConfig(tokenizer.level(), false, tokenizer.stripPunctuation(), tokenizer.splitPunctuation());
        // Truncated like the ids, so that each word's features stay beside its own id on the tail side too.
        return truncation.keep(new Tokenizer(asWritten).tokenize(text), maxLength);
    }

    /** Features and features mask for raw texts (no labels), in the given order. */
    public MultiDataSet encode(List<String> texts) {
        List<int[]> ids = texts.stream().map(this::encodeText).toList();
        List<int[][]> classes = new ArrayList<>(ids.size());
        List<int[][]> chars = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            classes.add(wordClasses(texts.get(i), ids.get(i).length));
            chars.add(characterIds(texts.get(i), ids.get(i).length));
        }
        return batch(ids, classes, chars, null);
    }

    /**
     * A batch in the training layout: {@code wordClasses} (from {@link #wordClasses}) fill the feature channels after
     * the ids; with characters, the arrays of {@link WordCharacters#graphInputs} (ids, word features, characters)
     * under the same mask; labels one-hot [b, C] or values [b, 1] when given.
     */
    public MultiDataSet batch(List<int[]> ids, List<int[][]> wordClasses, List<int[][]> chars, INDArray labels) {
        int steps = Math.max(1, Tensors.maxLength(ids));
        INDArray tokens = Tensors.tokenFeatures(ids, wordClasses, wordFeatures, steps, inputType, vocabulary.size());
        INDArray mask = Tensors.mask(ids, steps);
        INDArray[] features = characters == null ? new INDArray[] {tokens} : characters.graphInputs(tokens, chars);
        INDArray[] masks = java.util.Collections.nCopies(features.length, mask).toArray(INDArray[]::new);
        return new MultiDataSet(features, labels == null ? null : new INDArray[] {labels}, masks, null);
    }

    /** The predicted class name of each row of a [b, C] output. */
    public List<String> decodeLabels(INDArray output) {
        if (labels == null) {
            throw new IllegalStateException("a regression model predicts numbers, not labels");
        }
        List<String> out = new ArrayList<>();
        for (int i : Tensors.argmaxRows(output)) {
            out.add(labels.entry(i));
        }
        return out;
    }

    /** Leaves the default {@link Truncation#HEAD} out of the JSON (Jackson calls {@code equals} with the value). */
    static final class OmitHead {
        @Override
        public boolean equals(Object value) {
            return value == Truncation.HEAD;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Sizes for the model builder. */
    public DataShape shape() {
        ClassCounts counts = labels == null || labelCounts.isEmpty() ? null : new ClassCounts(labels.entries(), labelCounts);
        return new DataShape(vocabulary.size(), null, labels == null ? null : labels.size(), labels == null ? 1 : null, counts,
                characters == null ? null : characters.alphabet().size());
    }
}
