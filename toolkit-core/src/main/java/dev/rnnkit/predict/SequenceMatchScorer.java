package dev.rnnkit.predict;

import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.eval.MetricsTable;
import dev.rnnkit.eval.SequenceMatchMetrics;
import dev.rnnkit.eval.SequenceMatchReport;
import dev.rnnkit.eval.translation.CorpusBleu;
import dev.rnnkit.eval.translation.CorpusChrf;
import dev.rnnkit.eval.translation.Detokenizer;
import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Exact match, character accuracy, corpus BLEU and chrF of a sequence-to-sequence model's decoded outputs.
 *
 * <p>Exact match and character accuracy compare in the target vocabulary's terms (references decoded from the label
 * ids). BLEU and chrF are sacreBLEU's defaults, scored against each example's raw target text carried as batch
 * metadata, never ids decoded back (lowercasing and {@code <unk>} would distort them); word-level outputs are
 * detokenised first ({@link Detokenizer}). Batches without that metadata leave BLEU and chrF out.
 */
final class SequenceMatchScorer implements TaskScorer {

    private final Seq2SeqState state;
    private final Translator translator;
    private final SequenceMatchMetrics.Tally tally = new SequenceMatchMetrics.Tally();
    private final CorpusBleu.Accumulator bleu = CorpusBleu.sacreBleu().accumulator();
    private final CorpusChrf.Accumulator chrf = CorpusChrf.sacreBleu().accumulator();
    private boolean missingReferences;
    /** The first translations with their attention weights, for heat maps. */
    private final List<Translator.Translation> samples = new java.util.ArrayList<>();
    private static final int HEAT_MAPS = 4;

    /** @param translator decodes an attention decoder's batches (the output passed to {@link #add} is then unused); null otherwise */
    SequenceMatchScorer(Seq2SeqState state, Translator translator) {
        this.state = state;
        this.translator = translator;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        List<String> references = state.decodeLabels(batch.getLabels(0));
        List<String> predictions;
        if (translator != null) {
            List<Translator.Translation> translations = translator.translations(batch);
            // In the vocabulary's terms, as the references are; BLEU detokenises below.
            dev.rnnkit.data.Tokenizer joiner = new dev.rnnkit.data.Tokenizer(state.targetTokenizer());
            predictions = translations.stream().map(t -> joiner.join(t.tokens())).toList();
            for (int i = 0; i < translations.size() && samples.size() < HEAT_MAPS; i++) {
                samples.add(translations.get(i));
            }
        } else {
            predictions = state.decode(output);
        }
        List<Serializable> raw = batch.getExampleMetaData();
        missingReferences |= raw == null || raw.size() != predictions.size();
        for (int i = 0; i < references.size(); i++) {
            tally.add(references.get(i), predictions.get(i));
            if (!missingReferences) {
                String hypothesis = hypothesis(predictions.get(i));
                bleu.add(hypothesis, (String) raw.get(i));
                chrf.add(hypothesis, (String) raw.get(i));
            }
        }
    }

    /** A decoded output as text to score: characters are joined exactly already, words are detokenised. */
    private String hypothesis(String decoded) {
        return state.targetTokenizer().level() == TokenizerConfig.Level.CHAR ? decoded : Detokenizer.detokenize(decoded);
    }

    @Override
    public EvaluationResult finish(double loss) {
        SequenceMatchReport r = tally.report();
        Double bleuScore = missingReferences ? null : bleu.result().score();
        Double chrfScore = missingReferences ? null : chrf.result().score();
        String table = missingReferences ? r.toTable()
                : MetricsTable.withColumns("bleu", "chrf").row(bleuScore, chrfScore).render() + r.toTable();
        return new EvaluationResult("seq2seq", EvaluationResult.metrics(loss, "exact_match", r.exactMatch(),
                "char_accuracy", r.characterAccuracy(), "bleu", bleuScore, "chrf", chrfScore), r, table, null, null, samples);
    }
}
