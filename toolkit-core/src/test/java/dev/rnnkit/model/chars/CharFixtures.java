package dev.rnnkit.model.chars;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A tiny character-level minibatch and the networks the encoder tests run it through. */
final class CharFixtures {

    /** Ids 0 (padding), 1 (unknown), 2..8; id 8 appears only in masked tokens. */
    static final int VOCAB = 9;
    static final int MAX_CHARS = 5;
    static final int STEPS = 4;
    static final int BATCH = 3;
    static final int N_OUT = 4;
    static final int EMBED = 3;
    static final int CLASSES = 3;
    static final int MASKED_ONLY_CHAR = 8;

    /**
     * Characters of token t of sentence b: lengths 5 (= L), 1, 2, 3 and 4, an unknown character (1), repeated
     * characters, an empty real token (sentence 1, token 1), and masked tokens with characters of their own.
     */
    static final int[][][] WORDS = {
        {{2, 3, 4, 5, 6}, {7}, {3, 2}, {1, 4, 5}},
        {{5, 5, 5}, {}, {2, 7, 3, 4}, {8, 6}},
        {{4, 6}, {3, 3, 3, 3, 3}, {7, 8}, {8}},
    };
    static final int[] SENTENCE_LENGTHS = {4, 3, 2};

    private CharFixtures() {
    }

    static INDArray input() {
        return input(WORDS, MAX_CHARS);
    }

    /** [batch, maxChars, T] of the given characters, padded with 0. */
    static INDArray input(int[][][] words, int maxChars) {
        int batch = words.length;
        int steps = words[0].length;
        INDArray in = Nd4j.zeros(DataType.DOUBLE, batch, maxChars, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int l = 0; l < words[b][t].length; l++) {
                    in.putScalar(new long[] {b, l, t}, words[b][t][l]);
                }
            }
        }
        return in;
    }

    static INDArray mask() {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, BATCH, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < SENTENCE_LENGTHS[b]; t++) {
                mask.putScalar(b, t, 1);
            }
        }
        return mask;
    }

    static INDArray labels() {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(new long[] {b, (b + 2 * t) % CLASSES, t}, 1);
            }
        }
        return labels;
    }

    static CharEncoder encoder(CharEncoderKind kind) {
        return new CharEncoder.Builder().kind(kind).nIn(VOCAB).nOut(N_OUT).charEmbeddingSize(EMBED).build();
    }

    /** CharEncoder → per-token softmax over {@link #CLASSES}, no updater (for gradient checks). */
    static MultiLayerNetwork network(CharEncoder encoder, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345).dataType(type).updater(new NoOp())
                .list()
                .layer(encoder)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(MAX_CHARS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork network(CharEncoderKind kind) {
        return network(encoder(kind), DataType.DOUBLE);
    }

    /**
     * A tagger graph: inputs "chars" [batch, L, T] and "feats" [batch, 2, T]; CharEncoder "encoder" on "chars",
     * merged with "feats", then a per-token softmax "out".
     */
    static ComputationGraph graph(CharEncoderKind kind) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(777).dataType(DataType.DOUBLE).updater(new NoOp())
                .graphBuilder()
                .addInputs("chars", "feats")
                .setInputTypes(InputType.recurrent(MAX_CHARS), InputType.recurrent(2))
                .addLayer("encoder", encoder(kind), "chars")
                .addVertex("merge", new MergeVertex(), "encoder", "feats")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Word features for {@link #graph}: two channels of fixed values in [-1, 1]. */
    static INDArray features() {
        INDArray features = Nd4j.zeros(DataType.DOUBLE, BATCH, 2, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < 2; c++) {
                for (int t = 0; t < STEPS; t++) {
                    features.putScalar(new long[] {b, c, t}, Math.sin(1 + b + 3 * c + 7 * t));
                }
            }
        }
        return features;
    }
}
