package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.data.seq2seq.SyntheticPairs;
import dev.rnnkit.eval.SequenceMatchMetrics;
import dev.rnnkit.eval.SequenceMatchReport;
import dev.rnnkit.model.NetworkBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Generated date pairs → pipeline → NetworkBuilder's encoder → repeat → decoder → decoded strings. */
class Seq2SeqEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void builtNetworkFitsPipelineBatchesAndDecodesToStrings() throws Exception {
        SyntheticPairs.write(SyntheticPairs.Task.DATES, dir.resolve("generated/dates"), 48, 16, 0, 1);
        RnnkitConfig config = ConfigLoader.parse("""
                seed: 3
                input: {type: one_hot}
                encoder: [{cell_type: gru, state_size: 16}]
                output: {type: seq2seq, output_length: 11, decoder: [{cell_type: gru, state_size: 16}]}
                training: {batch_size: 16, optimizer: {type: adam, learning_rate: 0.01}}
                data:
                  train: generated/dates/train.tsv
                  validation: generated/dates/validation.tsv
                  prefetch: 0
                  tokenizer: {level: char}
                """, "dates.yaml", List.of());
        PreparedData data = DataPipelines.prepare(config, dir);
        Seq2SeqState state = data.artefact().seq2seq();
        // digits and '-' plus the three reserved ids
        assertEquals(14, state.target().size());
        MultiLayerNetwork net = NetworkBuilder.build(config, data.shape()).stack();
        INDArray before = net.params().dup();
        org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator train = data.train();
        for (int epoch = 0; epoch < 2; epoch++) {
            train.reset();
            while (train.hasNext()) {
                net.fit(train.next());
                assertTrue(Double.isFinite(net.score()), "loss " + net.score());
            }
        }
        assertFalse(before.equals(net.params()), "parameters did not change");

        org.nd4j.linalg.dataset.api.MultiDataSet validation = data.validation().next();
        INDArray output = net.output(validation.getFeatures(0), false, validation.getFeaturesMaskArray(0), null);
        assertArrayEquals(new long[]{16, 14, 11}, output.shape());
        List<String> predicted = state.decode(output);
        List<String> reference = state.decode(validation.getLabels(0));
        // Evaluation batches are sorted by source length (a stable sort: file order among equal lengths).
        List<String> expected = Files.readAllLines(dir.resolve("generated/dates/validation.tsv")).stream()
                .sorted(java.util.Comparator.comparingInt(line -> line.split("\t")[0].codePointCount(0, line.split("\t")[0].length())))
                .map(line -> line.split("\t")[1]).toList();
        assertEquals(expected, reference);
        assertEquals(16, predicted.size());
        for (String p : predicted) {
            assertTrue(p.codePointCount(0, p.length()) <= 11 && p.matches("[0-9-]*"), "decoded '" + p + "'");
        }
        SequenceMatchReport report = SequenceMatchMetrics.evaluate(reference, predicted);
        assertEquals(16, report.sequences());
        // every reference has 10 characters and no prediction more than 11
        assertTrue(report.characters() >= 160 && report.characters() <= 176, "characters " + report.characters());
    }
}
