package dev.rnnkit.model.recurrent;

import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The LSTM and simple RNN configurations survive DL4J's JSON, and their networks {@code ModelSerializer}. */
class CellSerializationTest {

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static MultiLayerConfiguration config() {
        return CellFixtures.config(
                new Lstm.Builder().nOut(N_OUT).forgetGateBiasInit(0.7).recurrentDropout(0.25).build(),
                new Bidirectional(Bidirectional.Mode.ADD, new ElmanRnn.Builder().nOut(N_OUT)
                        .activation(Activation.SOFTSIGN).recurrentDropout(0.1).build()),
                new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
    }

    @Test
    void jsonRoundTripKeepsEverySetting() {
        MultiLayerConfiguration original = config();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(original.toJson());
        assertEquals(original, restored);
        Lstm lstm = assertInstanceOf(Lstm.class, restored.getConf(0).getLayer());
        assertEquals(0.7, lstm.getForgetGateBiasInit());
        assertEquals(0.25, lstm.getRecurrentDropout());
        ElmanRnn rnn = assertInstanceOf(ElmanRnn.class,
                ((Bidirectional) restored.getConf(1).getLayer()).getFwd());
        assertEquals(0.1, rnn.getRecurrentDropout());
        // the settings take part in equality, so a changed one is noticed
        MultiLayerConfiguration other = CellFixtures.config(
                new Lstm.Builder().nOut(N_OUT).forgetGateBiasInit(0.7).build(),
                restored.getConf(1).getLayer(), restored.getConf(2).getLayer());
        assertNotEquals(restored.getConf(0).getLayer(), other.getConf(0).getLayer());
    }

    @Test
    void forgetGateBiasIsInitialised() {
        MultiLayerNetwork net = CellFixtures.network(config().getConfs().stream().map(c -> c.getLayer())
                .toArray(org.deeplearning4j.nn.conf.layers.Layer[]::new));
        INDArray bias = net.getLayer(0).getParam(RecurrentParams.BIAS_KEY);
        assertEquals(0.7, bias.get(NDArrayIndex.interval(N_OUT, 2 * N_OUT)).minNumber().doubleValue(), 0);
        assertEquals(0.7, bias.get(NDArrayIndex.interval(N_OUT, 2 * N_OUT)).maxNumber().doubleValue(), 0);
        assertEquals(0.0, bias.get(NDArrayIndex.interval(0, N_OUT)).amaxNumber().doubleValue(), 0);
    }

    @Test
    void modelFileRoundTripGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(config());
        net.init();
        File file = dir.resolve("cells.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        INDArray input = CellFixtures.input(3, 5, 11);
        INDArray mask = CellFixtures.mask(5, 5, 2, 3);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(input, false, mask, null), restored.output(input, false, mask, null));
    }
}
