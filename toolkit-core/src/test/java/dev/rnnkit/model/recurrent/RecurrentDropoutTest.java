package dev.rnnkit.model.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Recurrent dropout: one mask per sequence for all its steps, scaled by 1/(1-p), and none at inference.
 *
 * <p>The probe is a simple RNN with identity activation, W = 0, R = I and b = 1, so h_t = 1 + d * h_{t-1}:
 * a dropped unit (d = 0) stays at exactly 1 from the first step on, a kept one (d = 1/(1-p)) grows; without
 * dropout h_t = t.
 */
class RecurrentDropoutTest {

    private static final int UNITS = 64;
    private static final int BATCH = 8;
    private static final int STEPS = 6;
    private static final double P = 0.5;

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static MultiLayerNetwork probe(double p) {
        ElmanRnn rnn = new ElmanRnn.Builder().nIn(CellFixtures.N_IN).nOut(UNITS)
                .activation(Activation.IDENTITY).recurrentDropout(p).build();
        MultiLayerNetwork net = CellFixtures.network(rnn,
                new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nOut(1).build());
        net.getLayer(0).setParam(RecurrentParams.INPUT_WEIGHT_KEY, Nd4j.zeros(DataType.DOUBLE, CellFixtures.N_IN, UNITS));
        net.getLayer(0).setParam(RecurrentParams.RECURRENT_WEIGHT_KEY, Nd4j.eye(UNITS).castTo(DataType.DOUBLE));
        net.getLayer(0).setParam(RecurrentParams.BIAS_KEY, Nd4j.ones(DataType.DOUBLE, UNITS));
        return net;
    }

    private static INDArray activate(MultiLayerNetwork net, boolean training) {
        Nd4j.getRandom().setSeed(7);
        INDArray input = CellFixtures.input(BATCH, STEPS, 1);
        net.getLayer(0).setInput(input, LayerWorkspaceMgr.noWorkspaces());
        return net.getLayer(0).activate(training, LayerWorkspaceMgr.noWorkspaces());
    }

    @Test
    void sameMaskForEveryStepOfASequence() {
        INDArray h = activate(probe(P), true);
        int dropped = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int k = 0; k < UNITS; k++) {
                boolean droppedAtStep1 = h.getDouble(b, k, 1) == 1.0;
                for (int t = 1; t < STEPS; t++) {
                    assertEquals(droppedAtStep1, h.getDouble(b, k, t) == 1.0,
                            "unit " + k + " of example " + b + " changed its dropout mask at step " + t);
                }
                if (droppedAtStep1) {
                    dropped++;
                } else {
                    // kept units carry h / (1 - p): h_2 = 1 + 1 / (1 - p)
                    assertEquals(1 + 1 / (1 - P), h.getDouble(b, k, 1), 1e-9);
                }
            }
        }
        double fraction = dropped / (double) (BATCH * UNITS);
        assertTrue(fraction > 0.4 && fraction < 0.6, "dropped fraction " + fraction + " for p = " + P);
        // masks differ between the sequences of a minibatch
        assertTrue(!h.slice(0).equals(h.slice(1)), "two sequences drew the same mask");
    }

    @Test
    void noDropoutAtInference() {
        INDArray h = activate(probe(P), false);
        for (int t = 0; t < STEPS; t++) {
            assertEquals(t + 1, h.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t))
                    .minNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void zeroProbabilityIsTheUndroppedLayer() {
        assertEquals(activate(probe(0), false), activate(probe(0), true));
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Lstm.Builder().recurrentDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Lstm.Builder().recurrentDropout(-0.1));
    }
}
