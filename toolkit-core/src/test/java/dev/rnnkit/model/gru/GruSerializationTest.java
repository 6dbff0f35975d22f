package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellFixtures;
import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static dev.rnnkit.model.recurrent.CellFixtures.gru;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Configurations survive DL4J's JSON and networks survive {@code ModelSerializer}. */
class GruSerializationTest {

    private static final int STEPS = 5;
    private static final int[] LENGTHS = {5, 2, 3};

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static MultiLayerConfiguration sequenceConfig() {
        return CellFixtures.config(
                new Gru.Builder().nOut(N_OUT).activation(Activation.SOFTSIGN)
                        .weightInit(WeightInit.XAVIER_UNIFORM).dropOut(0.8).build(),
                new Bidirectional(Bidirectional.Mode.AVERAGE, gru(N_OUT)),
                new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
    }

    private static MultiLayerConfiguration lastStepConfig() {
        return CellFixtures.config(
                new LastTimeStep(gru(N_OUT)),
                new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
    }

    private static MultiLayerConfiguration bidirectionalLastStepConfig() {
        return CellFixtures.config(
                CellFixtures.bidirectionalConcat(gru(N_OUT)), CellFixtures.lastStep(Bidirectional.Mode.CONCAT),
                new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
    }

    @Test
    void jsonRoundTripKeepsTheGruSettings() {
        MultiLayerConfiguration original = sequenceConfig();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(original.toJson());

        assertEquals(original, restored);
        assertEquals(original.toJson(), restored.toJson());
        Gru gru = assertInstanceOf(Gru.class, restored.getConf(0).getLayer());
        assertEquals(3, gru.getNIn());
        assertEquals(N_OUT, gru.getNOut());
        assertInstanceOf(ActivationSoftSign.class, gru.getActivationFn());
        assertInstanceOf(WeightInitXavierUniform.class, gru.getWeightInitFn());
        assertEquals(new Dropout(0.8), gru.getIDropout());
        Bidirectional bidirectional = assertInstanceOf(Bidirectional.class, restored.getConf(1).getLayer());
        assertInstanceOf(Gru.class, bidirectional.getFwd());
    }

    @Test
    void jsonRoundTripOfWrappers() {
        for (MultiLayerConfiguration original : new MultiLayerConfiguration[] {lastStepConfig(), bidirectionalLastStepConfig()}) {
            MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(original.toJson());
            assertEquals(original, restored);
            assertEquals(original.toJson(), restored.toJson());
        }
        assertInstanceOf(dev.rnnkit.model.layers.BidirectionalLastStep.class,
                MultiLayerConfiguration.fromJson(bidirectionalLastStepConfig().toJson()).getConf(1).getLayer());
    }

    @Test
    void modelFileRoundTripGivesIdenticalOutputs() throws IOException {
        assertModelFileRoundTrip(sequenceConfig(), "sequence.zip");
        assertModelFileRoundTrip(lastStepConfig(), "last-step.zip");
        assertModelFileRoundTrip(bidirectionalLastStepConfig(), "bidirectional-last-step.zip");
    }

    private void assertModelFileRoundTrip(MultiLayerConfiguration conf, String fileName) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File file = dir.resolve(fileName).toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        INDArray input = CellFixtures.input(LENGTHS.length, STEPS, 11);
        INDArray mask = CellFixtures.mask(STEPS, LENGTHS);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(input, false, mask, null), restored.output(input, false, mask, null), fileName);
    }
}
