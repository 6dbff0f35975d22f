package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellFixtures;
import static dev.rnnkit.model.recurrent.CellFixtures.N_IN;
import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static dev.rnnkit.model.recurrent.CellFixtures.gru;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Padded steps: outputs there are zero, and padding (filled with garbage) changes nothing at the
 * real steps, in one direction, stacked, bidirectionally and for the last-step outputs.
 */
class GruMaskingTest {

    private static final int STEPS = 5;
    private static final int[] LENGTHS = {5, 2, 3};
    private static final double TOLERANCE = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    /** Real steps from seed 7, garbage (values up to ±50) in the padding. */
    private static INDArray paddedInput() {
        INDArray input = CellFixtures.input(LENGTHS.length, STEPS, 7);
        Nd4j.getRandom().setSeed(99);
        INDArray garbage = Nd4j.rand(DataType.DOUBLE, LENGTHS.length, N_IN, STEPS).muli(100).subi(50);
        for (int row = 0; row < LENGTHS.length; row++) {
            for (int t = LENGTHS[row]; t < STEPS; t++) {
                input.get(point(row), all(), point(t)).assign(garbage.get(point(row), all(), point(t)));
            }
        }
        return input;
    }

    private static INDArray unpadded(INDArray padded, int row) {
        return padded.get(interval(row, row, true), all(), interval(0, LENGTHS[row])).dup();
    }

    private static void assertSameSequenceOutputs(MultiLayerNetwork net) {
        INDArray padded = paddedInput();
        INDArray output = net.output(padded, false, CellFixtures.mask(STEPS, LENGTHS), null);
        for (int row = 0; row < LENGTHS.length; row++) {
            INDArray alone = net.output(unpadded(padded, row));
            for (int t = 0; t < STEPS; t++) {
                for (int j = 0; j < output.size(1); j++) {
                    double expected = t < LENGTHS[row] ? alone.getDouble(0, j, t) : 0.0;
                    assertEquals(expected, output.getDouble(row, j, t), TOLERANCE,
                            "row " + row + ", unit " + j + ", step " + t);
                }
            }
        }
    }

    private static void assertSameLastStepOutputs(MultiLayerNetwork net) {
        INDArray padded = paddedInput();
        INDArray output = net.output(padded, false, CellFixtures.mask(STEPS, LENGTHS), null);
        for (int row = 0; row < LENGTHS.length; row++) {
            INDArray alone = net.output(unpadded(padded, row));
            for (int j = 0; j < output.size(1); j++) {
                assertEquals(alone.getDouble(0, j), output.getDouble(row, j), TOLERANCE, "row " + row + ", unit " + j);
            }
        }
    }

    @Test
    void singleGruZeroesPaddingAndIgnoresIt() {
        assertSameSequenceOutputs(CellFixtures.network(gru(N_OUT)));
    }

    @Test
    void stackedGruZeroesPaddingAndIgnoresIt() {
        assertSameSequenceOutputs(CellFixtures.network(gru(N_OUT), gru(N_OUT)));
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void bidirectionalZeroesPaddingAndIgnoresIt(Bidirectional.Mode mode) {
        assertSameSequenceOutputs(CellFixtures.network(new Bidirectional(mode, gru(N_OUT))));
    }

    @Test
    void lastTimeStepIgnoresPadding() {
        assertSameLastStepOutputs(CellFixtures.network(new LastTimeStep(gru(N_OUT))));
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void bidirectionalLastStepIgnoresPadding(Bidirectional.Mode mode) {
        assertSameLastStepOutputs(CellFixtures.network(CellFixtures.bidirectionalConcat(gru(N_OUT)), CellFixtures.lastStep(mode)));
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void bidirectionalLastStepMatchesDl4jCompositionForward(Bidirectional.Mode mode) {
        MultiLayerNetwork ours = CellFixtures.network(CellFixtures.bidirectionalConcat(gru(N_OUT)), CellFixtures.lastStep(mode));
        Layer dl4jComposition = new Bidirectional(mode, new LastTimeStep(gru(N_OUT)));
        MultiLayerNetwork dl4j = CellFixtures.network(dl4jComposition);
        dl4j.setParams(ours.params());
        INDArray padded = paddedInput();
        INDArray mask = CellFixtures.mask(STEPS, LENGTHS);

        assertEquals(dl4j.output(padded, false, mask, null), ours.output(padded, false, mask, null));
    }

    @Test
    void backwardDirectionFinalStateIsTheFirstStepOutputOfTheReversedPass() {
        // CONCAT halves: [forward output at last real step | backward output at step 0].
        MultiLayerNetwork lastStep = CellFixtures.network(
                CellFixtures.bidirectionalConcat(gru(N_OUT)), CellFixtures.lastStep(Bidirectional.Mode.CONCAT));
        MultiLayerNetwork sequence = CellFixtures.network(new Bidirectional(Bidirectional.Mode.CONCAT, gru(N_OUT)));
        sequence.setParams(lastStep.params());
        INDArray padded = paddedInput();
        INDArray mask = CellFixtures.mask(STEPS, LENGTHS);
        INDArray finalStates = lastStep.output(padded, false, mask, null);
        INDArray sequences = sequence.output(padded, false, mask, null);
        for (int row = 0; row < LENGTHS.length; row++) {
            for (int j = 0; j < N_OUT; j++) {
                assertEquals(sequences.getDouble(row, j, LENGTHS[row] - 1), finalStates.getDouble(row, j), TOLERANCE);
                assertEquals(sequences.getDouble(row, N_OUT + j, 0), finalStates.getDouble(row, N_OUT + j), TOLERANCE);
            }
        }
    }
}
