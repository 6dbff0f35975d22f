package dev.rnnkit.data.text;

import dev.rnnkit.config.InputType;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.data.Tensors;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.model.DataShape;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What text classification fitted on the training split: tokenizer, vocabulary and label map.
 *
 * @param inputType  embedding ([b, 1, T] ids) or one_hot ([b, V, T])
 * @param outputType classification (labels [b, C]) or regression (labels [b, 1])
 * @param tokenizer  the tokenizer settings
 * @param maxLength  the truncation length, or null for none
 * @param vocabulary the token vocabulary (0 = padding, 1 = unknown)
 * @param labels     the class names by index; null for regression
 */
public record TextClassificationState(InputType inputType, OutputType outputType, TokenizerConfig tokenizer,
                                      Integer maxLength, Vocabulary vocabulary, Vocabulary labels) {

    /** The token ids of one text, truncated to {@code max_length}. */
    public int[] encodeText(String text) {
        return vocabulary.encode(new Tokenizer(tokenizer).tokenize(text), maxLength);
    }

    /** Features and features mask for raw texts (no labels), in the given order. */
    public DataSet encode(List<String> texts) {
        List<int[]> ids = texts.stream().map(this::encodeText).toList();
        return batch(ids, null);
    }

    /** A batch in the training layout: labels one-hot [b, C] or values [b, 1] when {@code targets} is given. */
    public DataSet batch(List<int[]> ids, INDArray labels) {
        int steps = Math.max(1, Tensors.maxLength(ids));
        return new DataSet(Tensors.tokenFeatures(ids, steps, inputType, vocabulary.size()), labels,
                Tensors.mask(ids, steps), null);
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

    /** Sizes for the model builder. */
    public DataShape shape() {
        return new DataShape(vocabulary.size(), null, labels == null ? null : labels.size(), labels == null ? 1 : null);
    }
}
