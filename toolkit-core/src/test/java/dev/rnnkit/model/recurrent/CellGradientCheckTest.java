package dev.rnnkit.model.recurrent;

import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Numerical gradient checks (DL4J's {@link GradientCheckUtil}, double precision) of every cell's backward
 * pass: alone, stacked, bidirectional, reduced to the last step, with mixed-length masks and with an
 * activation other than tanh. The GRU has further checks in its own package.
 */
class CellGradientCheckTest {

    private static final int BATCH = 3;
    private static final int STEPS = 5;
    private static final int CLASSES = 2;
    private static final int[] LENGTHS = {5, 2, 3};

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static RecurrentCell cell(CellKind kind, Activation activation) {
        if (kind == CellKind.LSTM) { // a forget-gate bias other than 1, so that its initialisation is checked too
            return new Lstm.Builder().forgetGateBiasInit(0.5).nOut(N_OUT).activation(activation).build();
        }
        return CellFixtures.cell(kind, N_OUT, activation);
    }

    private static RecurrentCell cell(CellKind kind) {
        return cell(kind, Activation.TANH);
    }

    private static Layer sequenceOutput() {
        return new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build();
    }

    private static Layer lastStepOutput() {
        return new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build();
    }

    private static void checkPerStep(MultiLayerNetwork net, INDArray mask) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                        .input(CellFixtures.input(BATCH, STEPS, 42))
                        .labels(CellFixtures.sequenceLabels(BATCH, CLASSES, STEPS))
                        .inputMask(mask).labelMask(mask)),
                "analytic and numerical gradients differ (details in the log)");
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void singleLayerWithMask(CellKind kind) {
        checkPerStep(CellFixtures.network(cell(kind), sequenceOutput()), CellFixtures.mask(STEPS, LENGTHS));
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void stackedWithoutMask(CellKind kind) {
        checkPerStep(CellFixtures.network(cell(kind), cell(kind), sequenceOutput()), null);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void softsignActivationWithMask(CellKind kind) {
        checkPerStep(CellFixtures.network(cell(kind, Activation.SOFTSIGN), sequenceOutput()),
                CellFixtures.mask(STEPS, LENGTHS));
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void bidirectionalWithMask(CellKind kind) {
        checkPerStep(CellFixtures.network(new Bidirectional(Bidirectional.Mode.CONCAT, cell(kind)), sequenceOutput()),
                CellFixtures.mask(STEPS, LENGTHS));
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void lastTimeStepWithMask(CellKind kind) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                        .net(CellFixtures.network(new LastTimeStep(cell(kind)), lastStepOutput()))
                        .input(CellFixtures.input(BATCH, STEPS, 42))
                        .labels(CellFixtures.labels(BATCH, CLASSES))
                        .inputMask(CellFixtures.mask(STEPS, LENGTHS))),
                "analytic and numerical gradients differ (details in the log)");
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void bidirectionalLastStepWithMask(CellKind kind) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                        .net(CellFixtures.network(CellFixtures.bidirectionalConcat(cell(kind)),
                                CellFixtures.lastStep(Bidirectional.Mode.CONCAT), lastStepOutput()))
                        .input(CellFixtures.input(BATCH, STEPS, 42))
                        .labels(CellFixtures.labels(BATCH, CLASSES))
                        .inputMask(CellFixtures.mask(STEPS, LENGTHS))),
                "analytic and numerical gradients differ (details in the log)");
    }
}
