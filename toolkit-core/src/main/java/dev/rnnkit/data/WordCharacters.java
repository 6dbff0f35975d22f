package dev.rnnkit.data;

import dev.rnnkit.config.CharEncoderConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The character alphabet and word length of {@code input.char_encoder}: how each word becomes character ids.
 *
 * <p>Characters are Unicode code points of the word as written (before lowercasing, so capitals count). Id 0 is
 * padding, 1 an unknown character. A word longer than {@code maxWordLength} keeps its first half and its last half
 * of that length, so both capitalised starts and suffixes survive.
 *
 * @param alphabet      character vocabulary fitted on the training split
 * @param maxWordLength characters per word
 */
public record WordCharacters(Vocabulary alphabet, int maxWordLength) {

    /** Fits the alphabet on the training words: characters seen at least {@code min_count} times, the most frequent first. */
    public static WordCharacters fit(Iterable<String> trainingWords, CharEncoderConfig config) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : trainingWords) {
            w.codePoints().forEach(c -> counts.merge(new String(Character.toChars(c)), 1, Integer::sum));
        }
        Integer limit = config.alphabetSize() == null ? null : config.alphabetSize() - 2; // padding and unknown are kept besides
        return new WordCharacters(Vocabulary.ofTokens(counts, limit, config.minCount()), config.maxWordLength());
    }

    /** One line for the read summary, e.g. {@code characters: 86 (padding and unknown included), 20 per word}. */
    public String summary() {
        return "characters: " + alphabet.size() + " (padding and unknown included), " + maxWordLength + " per word";
    }

    /** The character ids of one word, at most {@code maxWordLength} of them. */
    public int[] encode(String word) {
        int[] points = word.codePoints().toArray();
        int n = Math.min(points.length, maxWordLength);
        int head = n == points.length ? n : (maxWordLength + 1) / 2;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int p = i < head ? points[i] : points[points.length - (n - i)];
            ids[i] = alphabet.idOrUnknown(new String(Character.toChars(p)));
        }
        return ids;
    }

    /** The character ids of a sentence's first {@code length} words. */
    public int[][] encode(List<String> words, int length) {
        int[][] out = new int[length][];
        for (int i = 0; i < length; i++) {
            out[i] = encode(words.get(i));
        }
        return out;
    }

    /** A batch of sentences' character ids as [batch, maxWordLength, steps], zero-padded. */
    public INDArray tensor(List<int[][]> sentences, int steps) {
        int b = sentences.size();
        float[] values = new float[b * maxWordLength * steps];
        for (int i = 0; i < b; i++) {
            int[][] words = sentences.get(i);
            for (int t = 0; t < Math.min(steps, words.length); t++) {
                int[] chars = words[t];
                for (int c = 0; c < chars.length; c++) {
                    values[(i * maxWordLength + c) * steps + t] = chars[c];
                }
            }
        }
        return Nd4j.create(values, new long[] {b, maxWordLength, steps}, 'c');
    }

    /**
     * The features arrays of a word-level batch for a network with separate inputs (a ComputationGraph, see
     * {@code NetworkBuilder.inputNames}): token ids [b, 1, T], the word-feature channels [b, K, T] when K &gt; 0,
     * then the characters [b, maxWordLength, T].
     *
     * @param tokens ids with their feature channels, [b, 1 + K, T], as a stack reads them
     */
    public INDArray[] graphInputs(INDArray tokens, List<int[][]> chars) {
        long steps = tokens.size(2);
        INDArray ids = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1), NDArrayIndex.all()).dup('c');
        INDArray characters = tensor(chars, (int) steps);
        if (tokens.size(1) == 1) {
            return new INDArray[] {ids, characters};
        }
        INDArray shapes = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(1, tokens.size(1)), NDArrayIndex.all()).dup('c');
        return new INDArray[] {ids, shapes, characters};
    }
}
