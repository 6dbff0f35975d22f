package dev.rnnkit.model.chars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.layers.DoublePrecision;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** Configuration, parameter layout and count, JSON and saved-model round trips of {@link CharEncoder}. */
@ExtendWith(DoublePrecision.class)
class CharEncoderConfigTest {

    @TempDir
    Path dir;

    @Test
    void parameterShapesAndCounts() {
        // CNN: E 9x3, W (3*3)x4, b 1x4.
        MultiLayerNetwork cnn = CharFixtures.network(CharEncoderKind.CNN);
        assertEquals(List.of("E", "W", "b"), List.copyOf(cnn.getLayer(0).paramTable().keySet()));
        assertEquals(9 * 3 + 9 * 4 + 4, cnn.getLayer(0).numParams());
        assertArrayEquals(new long[] {9, 3}, cnn.getLayer(0).getParam("E").shape());
        assertArrayEquals(new long[] {9, 4}, cnn.getLayer(0).getParam("W").shape());
        assertArrayEquals(new long[] {1, 4}, cnn.getLayer(0).getParam("b").shape());

        // BiLSTM, h = 2: E 9x3, per direction W 3x8, RW 2x8, b 1x8.
        MultiLayerNetwork lstm = CharFixtures.network(CharEncoderKind.BILSTM);
        Layer layer = lstm.getLayer(0);
        assertEquals(List.of("E", "fW", "fRW", "fb", "bW", "bRW", "bb"), List.copyOf(layer.paramTable().keySet()));
        assertEquals(9 * 3 + 2 * (3 * 8 + 2 * 8 + 8), layer.numParams());
        assertEquals(layer.numParams(), layer.params().length());
        assertArrayEquals(new long[] {2, 8}, layer.getParam("bRW").shape());
        // The whole network's parameter vector is the two layers' (4 + 1) * 3 output weights and biases on top.
        assertEquals(layer.numParams() + (4 * 3 + 3), lstm.numParams());
    }

    @Test
    void initialisation() {
        MultiLayerNetwork lstm = CharFixtures.network(CharEncoderKind.BILSTM);
        Layer layer = lstm.getLayer(0);
        assertEquals(0.0, layer.getParam("E").getRow(0).norm1Number().doubleValue());
        assertTrue(layer.getParam("E").getRow(1).norm1Number().doubleValue() > 0);
        for (String bias : new String[] {"fb", "bb"}) {
            // Gate blocks i, f, o, z of 2 units each: only the forget gate starts at 1.
            assertEquals(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{0, 0, 1, 1, 0, 0, 0, 0}}), layer.getParam(bias));
        }
        assertTrue(layer.getParam("fW").std(true).getDouble() > 0.1);
        MultiLayerNetwork cnn = CharFixtures.network(new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(9).nOut(4)
                .charEmbeddingSize(3).biasInit(0.25).build(), DataType.DOUBLE);
        assertEquals(org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {1, 4}, 0.25), cnn.getLayer(0).getParam("b"));
    }

    @Test
    void builderDefaultsAndValidation() {
        CharEncoder cnn = new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).build();
        assertEquals(CharEncoder.DEFAULT_CNN_EMBEDDING_SIZE, cnn.getCharEmbeddingSize());
        assertEquals(3, cnn.getKernelWidth());
        CharEncoder lstm = new CharEncoder.Builder().nIn(50).nOut(50).build();
        assertEquals(CharEncoderKind.BILSTM, lstm.getKind());
        assertEquals(CharEncoder.DEFAULT_BILSTM_EMBEDDING_SIZE, lstm.getCharEmbeddingSize());

        assertThrows(IllegalStateException.class, () -> new CharEncoder.Builder().nIn(50).nOut(25).build(), "odd nOut for a BiLSTM");
        new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(25).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).kernelWidth(4).build());
        assertTrue(e.getMessage().contains("kernelWidth must be odd"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new CharEncoder.Builder().nIn(1).nOut(30).build());
        assertThrows(IllegalStateException.class, () -> new CharEncoder.Builder().nIn(50).nOut(30).activation(Activation.RELU).build());
    }

    @Test
    void outputTypeIsRecurrentWithNOutFeatures() {
        CharEncoder encoder = CharFixtures.encoder(CharEncoderKind.BILSTM);
        assertEquals(InputType.recurrent(CharFixtures.N_OUT, 7), encoder.getOutputType(0, InputType.recurrent(20, 7)));
        assertThrows(IllegalStateException.class, () -> encoder.getOutputType(0, InputType.feedForward(20)));
        assertThrows(IllegalStateException.class,
                () -> encoder.getOutputType(0, InputType.recurrent(20, 7, org.deeplearning4j.nn.conf.RNNFormat.NWC)));
        // The vocabulary is not taken from the input width.
        encoder.setNIn(InputType.recurrent(20), true);
        assertEquals(CharFixtures.VOCAB, encoder.getNIn());
    }

    @Test
    void equalsTellsConfigurationsApart() {
        CharEncoder a = new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).charEmbeddingSize(10).build();
        assertEquals(a, new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).charEmbeddingSize(10).build());
        assertEquals(a.hashCode(), new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).charEmbeddingSize(10).build().hashCode());
        assertNotEquals(a, new CharEncoder.Builder().kind(CharEncoderKind.BILSTM).nIn(50).nOut(30).charEmbeddingSize(10).build());
        assertNotEquals(a, new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).charEmbeddingSize(11).build());
        assertNotEquals(a, new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(50).nOut(30).charEmbeddingSize(10).kernelWidth(5).build());
        assertNotEquals(a, new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(51).nOut(30).charEmbeddingSize(10).build());
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void multiLayerJsonAndSavedModelRoundTrip(CharEncoderKind kind) throws Exception {
        CharEncoder encoder = new CharEncoder.Builder().kind(kind).nIn(CharFixtures.VOCAB).nOut(CharFixtures.N_OUT)
                .charEmbeddingSize(CharFixtures.EMBED).kernelWidth(5).updater(new Adam(0.01)).l2(1e-4).build();
        MultiLayerNetwork net = CharFixtures.network(encoder, DataType.DOUBLE);
        CharEncoderForwardTest.randomise(net, 8);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        CharEncoder restoredEncoder = (CharEncoder) back.getConf(0).getLayer();
        assertEquals(kind, restoredEncoder.getKind());
        assertEquals(5, restoredEncoder.getKernelWidth());
        assertEquals(CharFixtures.EMBED, restoredEncoder.getCharEmbeddingSize());

        File file = dir.resolve("mln-" + kind + ".zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.params(), restored.params());
        INDArray mask = CharFixtures.mask();
        INDArray expected = net.output(CharFixtures.input(), false, mask, null);
        assertEquals(expected, restored.output(CharFixtures.input(), false, mask, null));
        // Training continues from the same state (updater included).
        net.fit(new org.nd4j.linalg.dataset.DataSet(CharFixtures.input(), CharFixtures.labels(), mask, mask));
        restored.fit(new org.nd4j.linalg.dataset.DataSet(CharFixtures.input(), CharFixtures.labels(), mask, mask));
        assertEquals(net.params(), restored.params());
        assertNotEquals(expected, restored.output(CharFixtures.input(), false, mask, null));
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void graphJsonAndSavedModelRoundTrip(CharEncoderKind kind) throws Exception {
        ComputationGraph graph = CharFixtures.graph(kind);
        ComputationGraphConfiguration conf = graph.getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(CharFixtures.encoder(kind).getKind(),
                ((CharEncoder) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("encoder")).getLayerConf().getLayer()).getKind());

        File file = dir.resolve("graph-" + kind + ".zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(graph.params(), restored.params());
        INDArray mask = CharFixtures.mask();
        INDArray[] in = {CharFixtures.input(), CharFixtures.features()};
        INDArray[] masks = {mask, mask};
        INDArray expected = graph.output(false, in, masks)[0];
        assertEquals(expected, restored.output(false, in, masks)[0]);
        assertArrayEquals(new long[] {CharFixtures.BATCH, CharFixtures.CLASSES, CharFixtures.STEPS}, expected.shape());
    }
}
