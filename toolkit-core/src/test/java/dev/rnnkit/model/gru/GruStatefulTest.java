package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellFixtures;
import dev.rnnkit.model.recurrent.CellKind;
import dev.rnnkit.model.recurrent.RecurrentCellLayer;
import dev.rnnkit.model.recurrent.RecurrentParams;
import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static dev.rnnkit.model.recurrent.CellFixtures.gru;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** State carried between calls: {@code rnnTimeStep} (generation) and truncated BPTT. */
class GruStatefulTest {

    private static final int BATCH = 2;
    private static final int STEPS = 6;
    private static final double TOLERANCE = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static MultiLayerNetwork stackedNetwork() {
        return CellFixtures.network(gru(N_OUT), gru(N_OUT),
                new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
    }

    @Test
    void singleStepsReproduceTheFullSequence() {
        MultiLayerNetwork net = stackedNetwork();
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray full = net.output(input);

        for (int t = 0; t < STEPS; t++) {
            INDArray step = net.rnnTimeStep(input.get(all(), all(), point(t)).dup());
            assertEquals(full.get(all(), all(), point(t)), step, "step " + t);
        }
    }

    @Test
    void chunksReproduceTheFullSequenceAndClearingRestarts() {
        MultiLayerNetwork net = stackedNetwork();
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray full = net.output(input);

        INDArray first = net.rnnTimeStep(input.get(all(), all(), interval(0, 2)).dup());
        INDArray rest = net.rnnTimeStep(input.get(all(), all(), interval(2, STEPS)).dup());
        assertEquals(full.get(all(), all(), interval(0, 2)), first);
        assertEquals(full.get(all(), all(), interval(2, STEPS)), rest);

        net.rnnClearPreviousState();
        INDArray restart = net.rnnTimeStep(input.get(all(), all(), interval(0, 2)).dup());
        assertEquals(first, restart);
    }

    @Test
    void carriedStateIsTheLastOutput() {
        MultiLayerNetwork net = CellFixtures.network(gru(N_OUT));
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray out = net.rnnTimeStep(input);
        INDArray state = net.rnnGetPreviousState(0).get(RecurrentCellLayer.STATE_KEY_PREV_ACTIVATION);
        assertEquals(out.get(all(), all(), point(STEPS - 1)), state);
    }

    @Test
    void truncatedBpttSegmentsReproduceTheFullSequence() {
        MultiLayerNetwork net = stackedNetwork();
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray full = net.output(input);

        net.rnnClearPreviousState();
        List<INDArray> first = net.rnnActivateUsingStoredState(input.get(all(), all(), interval(0, 3)).dup(), false, true);
        net.updateRnnStateWithTBPTTState();
        List<INDArray> second = net.rnnActivateUsingStoredState(input.get(all(), all(), interval(3, STEPS)).dup(), false, true);
        assertEquals(full.get(all(), all(), interval(0, 3)), first.get(first.size() - 1));
        assertEquals(full.get(all(), all(), interval(3, STEPS)), second.get(second.size() - 1));
    }

    @Test
    void truncatedBpttWithOneSegmentEqualsFullBptt() {
        DataSet data = new DataSet(CellFixtures.input(BATCH, STEPS, 5), CellFixtures.sequenceLabels(BATCH, 2, STEPS));
        MultiLayerNetwork full = trainedOnce(data, false, STEPS);
        MultiLayerNetwork truncated = trainedOnce(data, true, STEPS);
        INDArray difference = full.params().sub(truncated.params());
        assertEquals(0.0, difference.norm2Number().doubleValue(), TOLERANCE);
    }

    @Test
    void truncatedBpttWithShortSegmentsTrainsDifferently() {
        DataSet data = new DataSet(CellFixtures.input(BATCH, STEPS, 5), CellFixtures.sequenceLabels(BATCH, 2, STEPS));
        MultiLayerNetwork initial = trainedOnce(data, false, 0);
        MultiLayerNetwork full = trainedOnce(data, false, STEPS);
        MultiLayerNetwork truncated = trainedOnce(data, true, 2);
        assertNotEquals(initial.params(), truncated.params());
        assertNotEquals(full.params(), truncated.params());
    }

    /** A fresh stacked network after one SGD fit on {@code data} (none when {@code segment} is 0). */
    private static MultiLayerNetwork trainedOnce(DataSet data, boolean truncated, int segment) {
        MultiLayerConfiguration conf = stackedNetwork().getLayerWiseConfigurations().clone();
        conf.setBackpropType(truncated ? BackpropType.TruncatedBPTT : BackpropType.Standard);
        conf.setTbpttFwdLength(Math.max(segment, 1));
        conf.setTbpttBackLength(Math.max(segment, 1));
        conf.getConfs().forEach(c -> {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
                base.setIUpdater(new Sgd(0.1));
            }
        });
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        if (segment > 0) {
            net.fit(data);
        }
        return net;
    }
}
