package dev.rnnkit.data.generation;

import dev.rnnkit.config.InputType;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.data.Tensors;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.model.DataShape;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What text generation fitted on the training text: tokenizer and vocabulary (0 = padding, 1 = unknown).
 *
 * @param inputType      embedding ([b, 1, T] ids) or one_hot ([b, V, T])
 * @param tokenizer      char or word tokens; word level keeps line breaks as "\n" tokens
 * @param vocabulary     the vocabulary, also the output classes
 * @param sequenceLength input steps per training sequence
 */
public record GenerationState(InputType inputType, TokenizerConfig tokenizer, Vocabulary vocabulary, int sequenceLength) {

    /** The line-break token of word-level generation. */
    public static final String NEWLINE = "\n";

    /** The tokens of a text; at word level each line break is a token. */
    public List<String> tokens(String text) {
        Tokenizer t = new Tokenizer(tokenizer);
        if (tokenizer.level() == TokenizerConfig.Level.CHAR) {
            return t.tokenize(text);
        }
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.addAll(t.tokenize(lines[i]));
            if (i < lines.length - 1) {
                out.add(NEWLINE);
            }
        }
        return out;
    }

    /** The ids of a text (unknown tokens → 1). */
    public int[] encodeText(String text) {
        return vocabulary.encode(tokens(text), null);
    }

    /** The text of ids; padding is left out and unknown ids read as {@code <unk>}. */
    public String decode(int[] ids) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            if (id != Vocabulary.PAD_ID) {
                tokens.add(vocabulary.entry(id));
            }
        }
        return new Tokenizer(tokenizer).join(tokens);
    }

    /** Input features for a prefix of ids: [1, 1, n] ids or [1, V, n] one-hot (e.g. to prime sampling). */
    public INDArray features(int[] ids) {
        return Tensors.tokenFeatures(List.of(ids), ids.length, inputType, vocabulary.size());
    }

    /**
     * A training batch from windows of {@code sequence_length + 1} ids: inputs are steps 0..T-1, labels
     * the one-hot next tokens (steps 1..T) [b, V, T]; every step is real, so both masks are ones.
     */
    public MultiDataSet batch(List<int[]> windows) {
        List<int[]> inputs = new ArrayList<>(windows.size());
        List<int[]> next = new ArrayList<>(windows.size());
        for (int[] w : windows) {
            inputs.add(java.util.Arrays.copyOf(w, w.length - 1));
            next.add(java.util.Arrays.copyOfRange(w, 1, w.length));
        }
        int steps = windows.get(0).length - 1;
        INDArray mask = Nd4j.ones(windows.size(), steps);
        return new MultiDataSet(Tensors.tokenFeatures(inputs, steps, inputType, vocabulary.size()),
                Tensors.oneHotSequences(next, vocabulary.size(), steps), mask, mask);
    }

    /** Sizes for the model builder: the vocabulary is both input and classes. */
    public DataShape shape() {
        return new DataShape(vocabulary.size(), null, vocabulary.size(), null);
    }
}
