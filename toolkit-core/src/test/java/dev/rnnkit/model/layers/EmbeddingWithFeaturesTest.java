package dev.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Semantics, gradients, parameter count and serialisation of {@link EmbeddingWithFeatures}. */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class EmbeddingWithFeaturesTest {

    static final int VOCAB = 5;
    static final int EMBED = 3;
    static final int K = 2;

    @TempDir
    Path dir;

    static EmbeddingWithFeatures layer() {
        return new EmbeddingWithFeatures.Builder().nIn(VOCAB).nOut(EMBED).extraFeatures(K).build();
    }

    /** Embedding → LSTM(3) → per-step softmax over 2 classes. */
    static MultiLayerNetwork tagger() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .list()
                .layer(layer())
                .layer(new LSTM.Builder().nOut(3).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(1 + K))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Two sequences of 4 steps, the second 2 long: ids in channel 0, features in 1..2 (zero on padding). */
    static INDArray input() {
        return Nd4j.createFromArray(new double[][][] {
            {{1, 4, 1, 2}, {1, 0, 0.5, 1}, {0, 1, -1, 0.25}},
            {{3, 2, 0, 0}, {0, 1, 0, 0}, {2, 0, 0, 0}}});
    }

    static INDArray mask() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
    }

    static INDArray labels() {
        INDArray labels = Nd4j.zeros(2, 2, 4);
        int[][] classes = {{0, 1, 1, 0}, {1, 0, 0, 0}};
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                labels.putScalar(new long[] {b, classes[b][t], t}, 1);
            }
        }
        return labels;
    }

    @Test
    void embedsChannelZeroAndPassesTheFeaturesThroughZeroAtPadding() {
        MultiLayerNetwork net = tagger();
        INDArray w = Nd4j.arange(VOCAB * EMBED).reshape(VOCAB, EMBED).castTo(DataType.DOUBLE);
        net.getLayer(0).setParam("W", w);
        INDArray out = net.feedForwardToLayer(0, input(), false).get(1);
        net.setLayerMaskArrays(mask(), null);
        INDArray masked = net.getLayer(0).activate(input(), false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        net.clearLayerMaskArrays();
        assertArrayEquals(new long[] {2, EMBED + K, 4}, out.shape());
        // Row 0: ids 1 4 1 2 → W rows [3 4 5], [12 13 14], [3 4 5], [6 7 8]; then the features unchanged.
        assertEquals(Nd4j.createFromArray(new double[][] {
            {3, 12, 3, 6}, {4, 13, 4, 7}, {5, 14, 5, 8}, {1, 0, 0.5, 1}, {0, 1, -1, 0.25}}), out.slice(0));
        // Row 1 unmasked: ids 3 2 0 0; masked: the padding steps 2 and 3 are zero in every channel.
        assertEquals(Nd4j.createFromArray(new double[][] {
            {9, 6, 0, 0}, {10, 7, 1, 1}, {11, 8, 2, 2}, {0, 1, 0, 0}, {2, 0, 0, 0}}), out.slice(1));
        assertEquals(Nd4j.createFromArray(new double[][] {
            {9, 6, 0, 0}, {10, 7, 0, 0}, {11, 8, 0, 0}, {0, 1, 0, 0}, {2, 0, 0, 0}}), masked.slice(1));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(tagger()).input(input()).labels(labels()).inputMask(mask()).labelMask(mask())
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
        assertTrue(ok, "gradient check failed");
    }

    @Test
    void featureChannelsGetTheirInputGradientAndIdsNone() {
        MultiLayerNetwork net = tagger();
        Pair<Gradient, INDArray> g = net.calculateGradients(input(), labels(), mask(), mask());
        INDArray eps = g.getSecond();
        assertArrayEquals(new long[] {2, 1 + K, 4}, eps.shape());
        assertEquals(0.0, eps.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).norm1Number().doubleValue());
        // Central differences of the score along one real and one padded feature entry.
        double h = 1e-6;
        for (long[] at : new long[][] {{0, 1, 2}, {1, 2, 1}, {1, 1, 3}}) {
            INDArray plus = input().dup();
            plus.putScalar(at, plus.getDouble(at) + h);
            INDArray minus = input().dup();
            minus.putScalar(at, minus.getDouble(at) - h);
            // score() is the mean over the 2 sequences; DL4J's gradients are of the sum (the updater divides later).
            double numeric = 2 * (score(net, plus) - score(net, minus)) / (2 * h);
            assertEquals(numeric, eps.getDouble(at), 1e-7, "d score / d input" + java.util.Arrays.toString(at));
        }
        assertEquals(0.0, eps.getDouble(1, 1, 3));
    }

    private static double score(MultiLayerNetwork net, INDArray in) {
        return net.score(new org.nd4j.linalg.dataset.DataSet(in, labels(), mask(), mask()), false);
    }

    @Test
    void parameterCountIsVocabularyTimesEmbeddingSize() {
        MultiLayerNetwork net = tagger();
        assertEquals((long) VOCAB * EMBED, net.getLayer(0).numParams());
        assertEquals(java.util.List.of("W"), java.util.List.copyOf(net.getLayer(0).paramTable().keySet()));
        assertArrayEquals(new long[] {VOCAB, EMBED}, net.getLayer(0).getParam("W").shape());
        assertEquals(InputType.recurrent(EMBED + K, 9), layer().getOutputType(0, InputType.recurrent(1 + K, 9)));
    }

    @Test
    void configJsonAndSavedModelRoundTrip() throws Exception {
        MultiLayerNetwork net = tagger();
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(K, ((EmbeddingWithFeatures) back.getConf(0).getLayer()).getExtraFeatures());

        java.io.File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(input(), false, mask(), null), restored.output(input(), false, mask(), null));
    }

    @Test
    void wrongChannelCountAndIdsOutsideTheVocabularyAreExplained() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(layer()).layer(new RnnOutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.recurrent(1)).build());
        assertEquals("EmbeddingWithFeatures (layer 0) reads 1 token id + 2 feature channels, but its input has 1 channels", e.getMessage());
        INDArray bad = input();
        bad.putScalar(new long[] {0, 0, 1}, VOCAB);
        Exception e2 = assertThrows(Exception.class, () -> tagger().output(bad));
        assertTrue(e2.getMessage().contains("token id 5 at entry 1 is outside the vocabulary [0, 4]"), e2.getMessage());
    }
}
