package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The head of the network, which fixes the recurrent shape of the task.
 *
 * @param type         classification, regression, tagging, sequence_regression, generation, forecast or seq2seq
 * @param reduceOutput many-to-one heads and the seq2seq encoder: last (default), mean, max or attention over real steps
 * @param numClasses   categorical heads: number of classes; omitted means "taken from the data"
 *                     (generation: the input vocabulary)
 * @param outputSize   real-valued heads: number of target values per step; omitted means "taken from the data"
 * @param horizon      forecast: number of future steps predicted at once; default 1
 * @param outputLength seq2seq: length of the decoded sequence
 * @param decoder      seq2seq: recurrent layers after the repeat vector (unidirectional)
 * @param classWeights classification and tagging: per-class weights of the cross-entropy loss, or null for none
 * @param crf          tagging: a linear-chain CRF output layer instead of a per-token softmax
 * @param attentionSize reduce_output attention: the hidden size of the additive attention scorer
 * @param attention    seq2seq: an attention decoder trained with teacher forcing instead of the repeat-vector decoder, or null
 */
public record OutputConfig(
        @JsonPropertyDescription("Head: classification, regression, tagging, sequence_regression, generation, forecast, seq2seq")
        OutputType type,
        @JsonPropertyDescription("Many-to-one heads and the seq2seq encoder: last (default), mean, max or attention (learned weighted mean) over real steps")
        ReduceOutput reduceOutput,
        @JsonPropertyDescription("Categorical heads: number of classes; omit to take it from the data")
        Integer numClasses,
        @JsonPropertyDescription("Real-valued heads: number of target values per step; omit to take it from the data")
        Integer outputSize,
        @JsonPropertyDescription("forecast: number of future steps predicted; default 1")
        Integer horizon,
        @JsonPropertyDescription("seq2seq: length of the output sequence")
        Integer outputLength,
        @JsonPropertyDescription("seq2seq: recurrent layers of the decoder")
        List<RecurrentLayerConfig> decoder,
        @JsonPropertyDescription("classification, tagging: per-class loss weights for rare labels: auto (n_examples / (n_classes * count), "
                + "from the training labels; tagging counts tokens), a list with one weight per class in label order, "
                + "or a mapping label: weight (others 1); default none")
        ClassWeights classWeights,
        @JsonPropertyDescription("tagging: a linear-chain CRF output layer (tag transition scores learned, loss by the forward "
                + "algorithm, Viterbi decoding, transitions that break the tag scheme forbidden); default false")
        Boolean crf,
        @JsonPropertyDescription("reduce_output attention: size of the additive attention's hidden layer; default 64")
        Integer attentionSize,
        @JsonPropertyDescription("seq2seq: an attention decoder (teacher forcing, attention over the encoder outputs, beam search) "
                + "instead of repeating the encoder's last output; e.g. {score: general, input_feeding: true}")
        SourceAttentionConfig attention) {

    public OutputConfig {
        if (horizon == null && type == OutputType.FORECAST) {
            horizon = 1;
        }
        decoder = decoder == null ? List.of() : List.copyOf(decoder);
        crf = crf != null && crf;
        if (attentionSize == null && reduceOutput == ReduceOutput.ATTENTION) {
            attentionSize = 64;
        }
        // reduce_output stays null when unset so that the validator can reject it on per-step heads.
    }

    /** This head with other class weights (null for none). */
    public OutputConfig withClassWeights(ClassWeights weights) {
        return new OutputConfig(type, reduceOutput, numClasses, outputSize, horizon, outputLength, decoder, weights, crf, attentionSize, attention);
    }

    /** This head with an attention decoder searching with another beam width; fails without an attention decoder. */
    public OutputConfig withBeamSize(int beam) {
        if (attention == null) {
            throw new IllegalArgumentException("a beam width applies to seq2seq models with an attention decoder (output.attention)");
        }
        return new OutputConfig(type, reduceOutput, numClasses, outputSize, horizon, outputLength, decoder, classWeights, crf,
                attentionSize, attention.withBeamSize(beam));
    }

    /** True for a seq2seq head with an attention decoder (teacher forcing, step-by-step decoding). */
    public boolean attentionDecoder() {
        return type == OutputType.SEQ2SEQ && attention != null;
    }

    /** The reduction to use, {@code last} when none is set. */
    public ReduceOutput reduceOrDefault() {
        return reduceOutput == null ? ReduceOutput.LAST : reduceOutput;
    }
}
