package dev.rnnkit.model.recurrent;

import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** State carried between calls, for every cell: {@code rnnTimeStep} (generation) and truncated BPTT. */
class CellStatefulTest {

    private static final int BATCH = 2;
    private static final int STEPS = 6;
    private static final double TOLERANCE = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static RecurrentCell cell(CellKind kind) {
        return CellFixtures.cell(kind, N_OUT, Activation.TANH);
    }

    private static MultiLayerNetwork stackedNetwork(CellKind kind) {
        return CellFixtures.network(cell(kind), cell(kind),
                new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void singleStepsReproduceTheFullSequence(CellKind kind) {
        MultiLayerNetwork net = stackedNetwork(kind);
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray full = net.output(input);

        for (int t = 0; t < STEPS; t++) {
            INDArray step = net.rnnTimeStep(input.get(all(), all(), point(t)).dup());
            assertEquals(full.get(all(), all(), point(t)), step, "step " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void chunksReproduceTheFullSequenceAndClearingRestarts(CellKind kind) {
        MultiLayerNetwork net = stackedNetwork(kind);
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

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void carriedStateIsTheLastOutput(CellKind kind) {
        MultiLayerNetwork net = CellFixtures.network(cell(kind));
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray out = net.rnnTimeStep(input);
        INDArray state = net.rnnGetPreviousState(0).get(RecurrentCellLayer.STATE_KEY_PREV_ACTIVATION);
        assertEquals(out.get(all(), all(), point(STEPS - 1)), state);
        assertEquals(kind == CellKind.LSTM,
                net.rnnGetPreviousState(0).containsKey(RecurrentCellLayer.STATE_KEY_PREV_MEMCELL), "LSTM carries its cell state");
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void truncatedBpttSegmentsReproduceTheFullSequence(CellKind kind) {
        MultiLayerNetwork net = stackedNetwork(kind);
        INDArray input = CellFixtures.input(BATCH, STEPS, 5);
        INDArray full = net.output(input);

        net.rnnClearPreviousState();
        List<INDArray> first = net.rnnActivateUsingStoredState(input.get(all(), all(), interval(0, 3)).dup(), false, true);
        net.updateRnnStateWithTBPTTState();
        List<INDArray> second = net.rnnActivateUsingStoredState(input.get(all(), all(), interval(3, STEPS)).dup(), false, true);
        assertEquals(full.get(all(), all(), interval(0, 3)), first.get(first.size() - 1));
        assertEquals(full.get(all(), all(), interval(3, STEPS)), second.get(second.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void truncatedBpttWithOneSegmentEqualsFullBptt(CellKind kind) {
        DataSet data = new DataSet(CellFixtures.input(BATCH, STEPS, 5), CellFixtures.sequenceLabels(BATCH, 2, STEPS));
        MultiLayerNetwork full = trainedOnce(kind, data, false, STEPS);
        MultiLayerNetwork truncated = trainedOnce(kind, data, true, STEPS);
        INDArray difference = full.params().sub(truncated.params());
        assertEquals(0.0, difference.norm2Number().doubleValue(), TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void truncatedBpttWithShortSegmentsTrainsDifferently(CellKind kind) {
        DataSet data = new DataSet(CellFixtures.input(BATCH, STEPS, 5), CellFixtures.sequenceLabels(BATCH, 2, STEPS));
        MultiLayerNetwork initial = trainedOnce(kind, data, false, 0);
        MultiLayerNetwork full = trainedOnce(kind, data, false, STEPS);
        MultiLayerNetwork truncated = trainedOnce(kind, data, true, 2);
        assertNotEquals(initial.params(), truncated.params());
        assertNotEquals(full.params(), truncated.params());
    }

    /** A fresh stacked network after one SGD fit on {@code data} (none when {@code segment} is 0). */
    private static MultiLayerNetwork trainedOnce(CellKind kind, DataSet data, boolean truncated, int segment) {
        MultiLayerConfiguration conf = stackedNetwork(kind).getLayerWiseConfigurations().clone();
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
