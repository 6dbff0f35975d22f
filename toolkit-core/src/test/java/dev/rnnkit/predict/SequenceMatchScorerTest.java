package dev.rnnkit.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.seq2seq.Seq2SeqPipeline;
import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.eval.translation.CorpusBleu;
import dev.rnnkit.eval.translation.CorpusChrf;
import dev.rnnkit.eval.translation.Detokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Seq2seq BLEU and chrF score each detokenised hypothesis against its own raw reference, through sorted batching. */
class SequenceMatchScorerTest {

    @TempDir
    Path dir;

    // Sources get longer down the file, so length-sorted pools reorder the examples; targets are cased and punctuated.
    private static final List<String> SOURCES = List.of("a", "a b", "a b c", "a b c d", "a b c d e", "a b c d e f");
    private static final List<String> TARGETS = List.of("Un chien court.", "Deux hommes , un chat", "Le chat dort.",
            "Une femme sourit .", "Des enfants jouent dehors.", "Un homme l' attend");

    private RnnkitConfig config(String data) throws Exception {
        return ConfigLoader.parse("""
                input: {type: embedding}
                encoder: [{cell_type: lstm, state_size: 4}]
                output: {type: seq2seq, output_length: 6, decoder: [{cell_type: lstm, state_size: 4}]}
                training: {batch_size: 2}
                data:
                  train: train.tsv
                  prefetch: 0
                  tokenizer: {level: word, lowercase: true}
                """ + data, "c.yaml", List.of());
    }

    private Path writePairs() throws Exception {
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < SOURCES.size(); i++) {
            tsv.append(SOURCES.get(i)).append('\t').append(TARGETS.get(i)).append('\n');
        }
        return Files.writeString(dir.resolve("train.tsv"), tsv.toString());
    }

    /** Scores the batches with each output equal to its labels: a model that reproduces the target ids. */
    private static EvaluationResult scorePerfectOutputs(Seq2SeqState state, MultiDataSetIterator batches) {
        SequenceMatchScorer scorer = new SequenceMatchScorer(state, null);
        while (batches.hasNext()) {
            org.nd4j.linalg.dataset.api.MultiDataSet b = batches.next();
            scorer.add(b, b.getLabels(0));
        }
        return scorer.finish(0.5);
    }

    @Test
    void bleuAndChrfMatchCorpusBleuOnRawReferencesThroughSortedBatches() throws Exception {
        writePairs();
        PreparedData data = DataPipelines.prepare(config("  shuffle: true\n  bucket_by_length: true\n"), dir);
        Seq2SeqState state = data.artefact().seq2seq();
        // The hypotheses a perfect model gives: lower-cased ids decoded, then detokenised; references stay as written.
        CorpusBleu.Accumulator bleu = CorpusBleu.sacreBleu().accumulator();
        CorpusChrf.Accumulator chrf = CorpusChrf.sacreBleu().accumulator();
        for (String target : TARGETS) {
            String hypothesis = Detokenizer.detokenize(state.decodeIds(state.encodeTarget(target)));
            bleu.add(hypothesis, target);
            chrf.add(hypothesis, target);
        }
        double expectedBleu = bleu.result().score();
        assertTrue(expectedBleu > 0 && expectedBleu < 100, "lower-casing must cost BLEU against raw references: " + expectedBleu);

        for (MultiDataSetIterator batches : List.of(data.train(),
                Seq2SeqPipeline.labelled(config(""), state, dir.resolve("train.tsv")))) {
            EvaluationResult r = scorePerfectOutputs(state, batches);
            assertEquals(1.0, r.metrics().get("exact_match"));
            assertEquals(expectedBleu, r.metrics().get("bleu"), 1e-9);
            assertEquals(chrf.result().score(), r.metrics().get("chrf"), 1e-9);
            assertTrue(r.table().contains("bleu"), r.table());
        }
    }

    @Test
    void eachBatchCarriesItsExamplesRawTargetsInBatchOrder() throws Exception {
        writePairs();
        PreparedData data = DataPipelines.prepare(config("  shuffle: true\n  bucket_by_length: true\n"), dir);
        Seq2SeqState state = data.artefact().seq2seq();
        MultiDataSetIterator train = data.train();
        int seen = 0;
        while (train.hasNext()) {
            org.nd4j.linalg.dataset.api.MultiDataSet b = train.next();
            List<String> decoded = state.decode(b.getLabels(0));
            for (int i = 0; i < decoded.size(); i++) {
                String raw = (String) b.getExampleMetaData().get(i);
                assertEquals(state.decodeIds(state.encodeTarget(raw)), decoded.get(i));
                seen++;
            }
        }
        assertEquals(TARGETS.size(), seen);
    }

    @Test
    void charLevelHypothesesAreScoredAsJoined() throws Exception {
        writePairs();
        RnnkitConfig chars = ConfigLoader.parse("""
                input: {type: embedding}
                encoder: [{cell_type: lstm, state_size: 4}]
                output: {type: seq2seq, output_length: 30, decoder: [{cell_type: lstm, state_size: 4}]}
                data: {train: train.tsv, prefetch: 0, tokenizer: {level: char}}
                """, "c.yaml", List.of());
        PreparedData data = DataPipelines.prepare(chars, dir);
        EvaluationResult r = scorePerfectOutputs(data.artefact().seq2seq(), data.train());
        assertEquals(100.0, r.metrics().get("bleu"), 1e-9);
        assertEquals(100.0, r.metrics().get("chrf"), 1e-9);
    }
}
