package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellFixtures;
import dev.rnnkit.model.recurrent.CellKind;
import dev.rnnkit.model.recurrent.RecurrentCellLayer;
import dev.rnnkit.model.recurrent.RecurrentParams;
import static dev.rnnkit.model.recurrent.CellFixtures.gru;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The closed-form parameter count agrees with what DL4J allocates, and the shapes are as documented. */
class GruParamsTest {

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    @Test
    void closedFormCount() {
        assertEquals(54, RecurrentParams.count(CellKind.GRU, 2, 3));      // 3*3*(2+3) + 3*3
        assertEquals(828, RecurrentParams.count(CellKind.GRU, 10, 12));   // 3*12*22 + 3*12
    }

    @Test
    void builtNetworkHasClosedFormCount() {
        MultiLayerNetwork net = CellFixtures.network(
                gru(4),                                               // 3 -> 4
                gru(5),                                               // 4 -> 5
                new Bidirectional(Bidirectional.Mode.CONCAT, gru(6)), // 5 -> 12
                new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
        long expected = RecurrentParams.count(CellKind.GRU, 3, 4) + RecurrentParams.count(CellKind.GRU, 4, 5) + 2 * RecurrentParams.count(CellKind.GRU, 5, 6) + (12 * 2 + 2);
        assertEquals(expected, net.numParams());
        assertEquals(RecurrentParams.count(CellKind.GRU, 3, 4), net.getLayer(0).numParams());
    }

    @Test
    void wrappedLastStepNetworksHaveClosedFormCount() {
        OutputLayer out = new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build();
        assertEquals(RecurrentParams.count(CellKind.GRU, 3, 4) + 4 * 2 + 2,
                CellFixtures.network(new LastTimeStep(gru(4)), out.clone()).numParams());
        assertEquals(2 * RecurrentParams.count(CellKind.GRU, 3, 4) + 8 * 2 + 2,
                CellFixtures.network(CellFixtures.bidirectionalConcat(gru(4)), CellFixtures.lastStep(Bidirectional.Mode.CONCAT), out.clone()).numParams());
    }

    @Test
    void parameterShapesAndKeys() {
        MultiLayerNetwork net = CellFixtures.network(gru(4));
        assertEquals(List.of("0_W", "0_RW", "0_b"), List.copyOf(net.paramTable().keySet()));
        assertArrayEquals(new long[] {3, 12}, net.getParam("0_W").shape());
        assertArrayEquals(new long[] {4, 12}, net.getParam("0_RW").shape());
        assertEquals(12, net.getParam("0_b").length());
    }
}
