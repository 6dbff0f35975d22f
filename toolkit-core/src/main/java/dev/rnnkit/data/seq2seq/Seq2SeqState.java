package dev.rnnkit.data.seq2seq;

import dev.rnnkit.config.InputType;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.data.Tensors;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.model.DataShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * What sequence-to-sequence fitted on the training split: a tokenizer and a vocabulary per side.
 *
 * <p>Source ids: 0 = padding, 1 = unknown. Target ids: 0 = padding, 1 = unknown, 2 = {@value #END} (the end
 * token appended to every target, so that decoding knows where to stop); the label mask covers the target
 * tokens and the end token, and the steps after it are all-zero, masked labels.
 *
 * @param inputType       embedding ([b, 1, T] ids) or one_hot ([b, V, T])
 * @param sourceTokenizer how sources are split into tokens
 * @param targetTokenizer how targets are split into tokens (and joined back when decoding)
 * @param maxLength       the source truncation length, or null for none
 * @param outputLength    the decoder steps ({@code output.output_length}); targets have at most this many ids, end included
 * @param source          the source vocabulary
 * @param target          the target vocabulary, also the output classes
 * @param teacherForcing  batches for an attention decoder: the decoder's input ids ({@code </s>}, then the target
 *                        shifted right) as a second input, and the labels as target ids [b, 1, Tt]; null or false for
 *                        the repeat-vector decoder (files written before attention decoders read as false)
 */
public record Seq2SeqState(InputType inputType, TokenizerConfig sourceTokenizer, TokenizerConfig targetTokenizer,
                           Integer maxLength, int outputLength, Vocabulary source, Vocabulary target, Boolean teacherForcing) {

    /** The end-of-sequence token's text. */
    public static final String END = "</s>";
    /** The end-of-sequence token's id in the target vocabulary. */
    public static final int END_ID = 2;
    /** The reserved entries that open every target vocabulary, in id order. */
    public static final List<String> TARGET_RESERVED = List.of(Vocabulary.PAD, Vocabulary.UNKNOWN, END);

    public Seq2SeqState {
        teacherForcing = teacherForcing != null && teacherForcing;
        if (target.size() <= END_ID || !target.entry(END_ID).equals(END)) {
            throw new IllegalArgumentException("the target vocabulary must start with " + TARGET_RESERVED + ", got " + target);
        }
    }

    /** The source ids of one text (unknown tokens → 1), truncated to {@code max_length}. */
    public int[] encodeSource(String text) {
        return encodeSourceTokens(new Tokenizer(sourceTokenizer).tokenize(text));
    }

    /** The source ids of tokens already split by the source tokenizer, truncated to {@code max_length}. */
    public int[] encodeSourceTokens(List<String> tokens) {
        return source.encode(tokens, maxLength);
    }

    /** The target ids of one text followed by {@link #END_ID}; not checked against {@code output_length}. */
    public int[] encodeTarget(String text) {
        return encodeTargetTokens(new Tokenizer(targetTokenizer).tokenize(text));
    }

    /** The target ids of tokens already split by the target tokenizer, followed by {@link #END_ID}. */
    public int[] encodeTargetTokens(List<String> tokens) {
        int[] ids = target.encode(tokens, null);
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = END_ID;
        return out;
    }

    /** Features and features mask for raw sources (no labels), in the given order. */
    public MultiDataSet encode(List<String> sources) {
        return batch(sources.stream().map(this::encodeSource).toList(), null);
    }

    /**
     * A batch in the training layout: features [b, 1, Tin] ids or [b, Vsrc, Tin] one-hot with mask [b, Tin]
     * (Tin the longest source, end-padded); when {@code targetIds} is given (each ending with the end id),
     * labels one-hot [b, Vtgt, output_length] with mask [b, output_length].
     */
    public MultiDataSet batch(List<int[]> sourceIds, List<int[]> targetIds) {
        if (teacherForcing) {
            return teacherForced(sourceIds, targetIds);
        }
        int steps = Math.max(1, Tensors.maxLength(sourceIds));
        INDArray features = Tensors.tokenFeatures(sourceIds, steps, inputType, source.size());
        INDArray mask = Tensors.mask(sourceIds, steps);
        if (targetIds == null) {
            return new MultiDataSet(features, null, mask, null);
        }
        return new MultiDataSet(features, Tensors.oneHotSequences(targetIds, target.size(), outputLength), mask,
                Tensors.mask(targetIds, outputLength));
    }

    /**
     * A batch for an attention decoder: features [source ids [b, 1, Ts], decoder input ids [b, 1, Tt]] with their masks,
     * where the decoder reads {@code </s>} and then each target token but the last (teacher forcing); labels the target
     * ids [b, 1, Tt] (ending with {@code </s>}) with mask [b, Tt]. Without targets the decoder input is the one start
     * token, which is what step-by-step decoding begins from.
     */
    private MultiDataSet teacherForced(List<int[]> sourceIds, List<int[]> targetIds) {
        int steps = Math.max(1, Tensors.maxLength(sourceIds));
        INDArray sources = Tensors.tokenFeatures(sourceIds, steps, InputType.EMBEDDING, source.size());
        INDArray sourceMask = Tensors.mask(sourceIds, steps);
        List<int[]> decoderInputs = new ArrayList<>(sourceIds.size());
        if (targetIds == null) {
            for (int i = 0; i < sourceIds.size(); i++) {
                decoderInputs.add(new int[] {END_ID});
            }
        } else {
            for (int[] t : targetIds) {
                int[] in = new int[t.length];
                in[0] = END_ID;
                System.arraycopy(t, 0, in, 1, t.length - 1);
                decoderInputs.add(in);
            }
        }
        int targetSteps = Tensors.maxLength(decoderInputs);
        INDArray decoderInput = Tensors.tokenFeatures(decoderInputs, targetSteps, InputType.EMBEDDING, target.size());
        INDArray targetMask = Tensors.mask(decoderInputs, targetSteps);
        INDArray[] features = {sources, decoderInput};
        INDArray[] featureMasks = {sourceMask, targetMask};
        if (targetIds == null) {
            return new MultiDataSet(features, null, featureMasks, null);
        }
        INDArray labels = Tensors.tokenFeatures(targetIds, targetSteps, InputType.EMBEDDING, target.size());
        return new MultiDataSet(features, new INDArray[] {labels}, featureMasks, new INDArray[] {targetMask.dup()});
    }

    /** The text of target ids, read up to the first end or padding id; unknown ids read as {@code <unk>}. */
    public String decodeIds(int[] ids) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            if (id == END_ID || id == Vocabulary.PAD_ID) {
                break;
            }
            tokens.add(target.entry(id));
        }
        return new Tokenizer(targetTokenizer).join(tokens);
    }

    /** The reference text of each row of a batch's labels: one-hot [b, V, T], or target ids [b, 1, T] (teacher forcing). */
    public List<String> decodeLabels(INDArray labels) {
        if (!teacherForcing) {
            return decode(labels);
        }
        int[][] ids = labels.reshape(labels.size(0), labels.size(2)).toIntMatrix();
        List<String> out = new ArrayList<>(ids.length);
        for (int[] row : ids) {
            out.add(decodeIds(row));
        }
        return out;
    }

    /** The predicted text of each row of a [b, Vtgt, T] output: the most probable token per step, up to the end. */
    public List<String> decode(INDArray output) {
        if (output.rank() != 3 || output.size(1) != target.size()) {
            throw new IllegalArgumentException("expected an output [batch, " + target.size() + ", steps], got "
                    + Arrays.toString(output.shape()));
        }
        int batch = (int) output.size(0);
        int steps = (int) output.size(2);
        int[][] best = output.argMax(1).reshape(batch, steps).toIntMatrix();
        List<String> out = new ArrayList<>(batch);
        for (int[] row : best) {
            out.add(decodeIds(row));
        }
        return out;
    }

    /** Sizes for the model builder: the source vocabulary in, the target vocabulary out. */
    public DataShape shape() {
        return new DataShape(source.size(), null, target.size(), null);
    }
}
