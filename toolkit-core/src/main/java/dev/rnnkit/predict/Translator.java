package dev.rnnkit.predict;

import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.model.Network;
import dev.rnnkit.model.seq2seq.DecoderSteps;
import dev.rnnkit.model.seq2seq.SequenceSearch;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Translates with an attention encoder-decoder: greedy or beam search, then target tokens and text.
 *
 * <p>An output {@code <unk>} can be replaced by the source token it attends to most (Luong et al. 2015's unknown-word
 * replacement), which recovers names and numbers that are rare in training.
 *
 * @param beam           beam width; 1 is greedy search
 * @param lengthPenalty  beam search's length normalisation exponent
 * @param replaceUnknown replace an output {@code <unk>} by the most attended source token
 */
public record Translator(DecoderSteps steps, Seq2SeqState state, int beam, double lengthPenalty, boolean replaceUnknown) {

    /**
     * One translation: the source tokens read, the target tokens, the text they join into, the log-probability, and the
     * attention weights [output token (the end token last, when reached)][source token].
     */
    public record Translation(List<String> sourceTokens, List<String> tokens, String text, double logProbability,
                              double[][] attention) implements java.io.Serializable {

        /** The output tokens the attention rows belong to: the tokens, then {@code </s>} when the search reached it. */
        public List<String> attentionRows() {
            List<String> rows = new ArrayList<>(tokens);
            if (attention.length > tokens.size()) {
                rows.add(Seq2SeqState.END);
            }
            return rows;
        }
    }

    /** The translator of a network with an attention decoder. */
    public static Translator of(Network network, Seq2SeqState state, int beam, double lengthPenalty, boolean replaceUnknown) {
        return new Translator(DecoderSteps.of(network), state, beam, lengthPenalty, replaceUnknown);
    }

    private SequenceSearch search() {
        return new SequenceSearch(Seq2SeqState.END_ID, Vocabulary.PAD_ID, state.outputLength());
    }

    /** The decoded hypotheses of a batch whose first features are source ids with their mask. */
    List<SequenceSearch.Hypothesis> decode(MultiDataSet batch) {
        DecoderSteps.Encoded encoded = steps.encode(batch.getFeatures(0), batch.getFeaturesMaskArray(0));
        try {
            return beam == 1 ? search().greedy(steps, encoded) : search().beam(steps, encoded, beam, lengthPenalty);
        } finally {
            encoded.release();
        }
    }

    /** Translates source texts, in order. */
    public List<Translation> translate(List<String> sources) {
        Tokenizer tokenizer = new Tokenizer(state.sourceTokenizer());
        List<List<String>> sourceTokens = new ArrayList<>(sources.size());
        List<int[]> ids = new ArrayList<>(sources.size());
        for (String s : sources) {
            List<String> tokens = tokenizer.tokenize(s);
            int[] encoded = state.encodeSourceTokens(tokens);
            sourceTokens.add(tokens.subList(0, encoded.length));
            ids.add(encoded.length == 0 ? new int[] {Vocabulary.UNKNOWN_ID} : encoded);
        }
        List<SequenceSearch.Hypothesis> hypotheses = decode(state.batch(ids, null));
        List<Translation> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(translation(hypotheses.get(i), sourceTokens.get(i)));
        }
        return out;
    }

    /**
     * Decodes a labelled batch and gives each translation's text, for scoring. An unknown output token is replaced from
     * the source as its ids read back (a source word outside the vocabulary reads as {@code <unk>} there).
     */
    List<Translation> translations(MultiDataSet batch) {
        INDArray ids = batch.getFeatures(0);
        INDArray mask = batch.getFeaturesMaskArray(0);
        List<Translation> out = new ArrayList<>();
        List<SequenceSearch.Hypothesis> hypotheses = decode(batch);
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> source = new ArrayList<>();
            for (int t = 0; t < ids.size(2) && (mask == null || mask.getDouble(i, t) > 0); t++) {
                source.add(state.source().entry(ids.getInt(i, 0, t)));
            }
            out.add(translation(hypotheses.get(i), source));
        }
        return out;
    }

    private Translation translation(SequenceSearch.Hypothesis h, List<String> sourceTokens) {
        List<String> tokens = new ArrayList<>(h.tokens().length);
        for (int t = 0; t < h.tokens().length; t++) {
            int id = h.tokens()[t];
            String token = state.target().entry(id);
            if (id == Vocabulary.UNKNOWN_ID && replaceUnknown && sourceTokens != null && !sourceTokens.isEmpty()) {
                token = sourceTokens.get(Math.min(sourceTokens.size() - 1, argmax(h.attention()[t], sourceTokens.size())));
            }
            tokens.add(token);
        }
        double[][] attention = new double[h.attention().length][];
        int real = sourceTokens == null ? -1 : Math.max(1, sourceTokens.size());
        for (int t = 0; t < attention.length; t++) {
            attention[t] = real < 0 ? h.attention()[t] : java.util.Arrays.copyOf(h.attention()[t], real);
        }
        return new Translation(sourceTokens == null ? List.of() : List.copyOf(sourceTokens), tokens, text(tokens, state),
                h.logProbability(), attention);
    }

    /** Target tokens as text: joined as the tokenizer joins them, then detokenised when punctuation was split off. */
    static String text(List<String> tokens, Seq2SeqState state) {
        String joined = new Tokenizer(state.targetTokenizer()).join(tokens);
        return state.targetTokenizer().splitPunctuation() ? dev.rnnkit.eval.translation.Detokenizer.detokenize(joined) : joined;
    }

    private static int argmax(double[] weights, int limit) {
        int best = 0;
        for (int j = 1; j < Math.min(limit, weights.length); j++) {
            if (weights[j] > weights[best]) {
                best = j;
            }
        }
        return best;
    }
}
