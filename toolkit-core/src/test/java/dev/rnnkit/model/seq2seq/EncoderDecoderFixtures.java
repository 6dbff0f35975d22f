package dev.rnnkit.model.seq2seq;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.model.DataShape;
import dev.rnnkit.model.NetworkBuilder;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small attention encoder-decoders and a batch of mixed source and target lengths, for the decoder's tests. */
final class EncoderDecoderFixtures {

    static final int SOURCE_VOCAB = 9;
    static final int TARGET_VOCAB = 8;
    /** Source lengths 5, 3 and 1; target lengths (end token included) 4, 2 and 3. */
    static final int[][] SOURCES = {{3, 4, 5, 6, 7}, {2, 8, 3}, {5}};
    static final int[][] TARGETS = {{3, 4, 5, 2}, {6, 2}, {7, 3, 2}};

    private EncoderDecoderFixtures() {
    }

    static String yaml(String score, boolean inputFeeding, boolean bidirectional, int decoderSize) {
        return """
                seed: 7
                input: {type: embedding, embedding_size: 4}
                encoder:
                  - {cell_type: lstm, state_size: %d, bidirectional: %s}
                output:
                  type: seq2seq
                  output_length: 6
                  decoder: [{cell_type: lstm, state_size: %d}]
                  attention: {score: %s, input_feeding: %s%s}
                training: {optimizer: {type: sgd, learning_rate: 1.0, momentum: 0}}
                data: {train: pairs.tsv}
                """.formatted(bidirectional ? decoderSize / 2 : decoderSize, bidirectional, decoderSize, score, inputFeeding,
                        score.equals("additive") ? ", size: 3" : "");
    }

    static RnnkitConfig config(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "test.yaml", List.of());
        } catch (dev.rnnkit.config.ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static ComputationGraph graph(RnnkitConfig config, DataType type) {
        ComputationGraph g = new ComputationGraph(NetworkBuilder.graphConfiguration(config,
                new DataShape(SOURCE_VOCAB, null, TARGET_VOCAB, null), type));
        g.init();
        return g;
    }

    static INDArray ids(int[][] rows, boolean shiftRight, DataType type) {
        int steps = 0;
        for (int[] r : rows) {
            steps = Math.max(steps, r.length);
        }
        INDArray out = Nd4j.zeros(type, rows.length, 1, steps);
        for (int i = 0; i < rows.length; i++) {
            for (int t = 0; t < rows[i].length; t++) {
                int id = shiftRight ? (t == 0 ? 2 : rows[i][t - 1]) : rows[i][t];
                out.putScalar(new int[] {i, 0, t}, id);
            }
        }
        return out;
    }

    static INDArray mask(int[][] rows, DataType type) {
        int steps = 0;
        for (int[] r : rows) {
            steps = Math.max(steps, r.length);
        }
        INDArray out = Nd4j.zeros(type, rows.length, steps);
        for (int i = 0; i < rows.length; i++) {
            for (int t = 0; t < rows[i].length; t++) {
                out.putScalar(i, t, 1);
            }
        }
        return out;
    }

    static INDArray[] features(DataType type) {
        return new INDArray[] {ids(SOURCES, false, type), ids(TARGETS, true, type)};
    }

    static INDArray[] featureMasks(DataType type) {
        return new INDArray[] {mask(SOURCES, type), mask(TARGETS, type)};
    }

    static INDArray labels(DataType type) {
        return ids(TARGETS, false, type);
    }
}
