package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellFixtures;
import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static dev.rnnkit.model.recurrent.CellFixtures.gru;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Numerical gradient checks (DL4J's {@link GradientCheckUtil}, double precision) of the GRU backward
 * pass alone, stacked, inside {@code Bidirectional}, {@code LastTimeStep} and {@link dev.rnnkit.model.layers.BidirectionalLastStep},
 * with and without masks.
 */
class GruGradientCheckTest {

    private static final int BATCH = 3;
    private static final int STEPS = 5;
    private static final int CLASSES = 2;
    private static final int[] LENGTHS = {5, 2, 3};

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    private static RnnOutputLayer sequenceOutput() {
        return new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build();
    }

    private static OutputLayer lastStepOutput() {
        return new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build();
    }

    private static void assertGradientsMatchPerSequence(MultiLayerNetwork net, INDArray mask) {
        assertGradientsMatch(new GradientCheckUtil.MLNConfig().net(net)
                .labels(CellFixtures.sequenceLabels(BATCH, CLASSES, STEPS))
                .inputMask(mask).labelMask(mask));
    }

    private static void assertGradientsMatchLastStep(MultiLayerNetwork net, INDArray mask) {
        assertGradientsMatch(new GradientCheckUtil.MLNConfig().net(net)
                .labels(CellFixtures.labels(BATCH, CLASSES))
                .inputMask(mask));
    }

    private static void assertGradientsMatch(GradientCheckUtil.MLNConfig check) {
        assertTrue(GradientCheckUtil.checkGradients(check.input(CellFixtures.input(BATCH, STEPS, 42))),
                "analytic and numerical gradients differ (details in the log)");
    }

    /**
     * Every parameter in CONCAT mode; the other modes share its backward code up to the combine
     * step, so a subset of each parameter array (every few entries) keeps the suite quick.
     */
    private static GradientCheckUtil.MLNConfig forMode(Bidirectional.Mode mode, MultiLayerNetwork net) {
        GradientCheckUtil.MLNConfig check = new GradientCheckUtil.MLNConfig().net(net);
        return mode == Bidirectional.Mode.CONCAT ? check : check.subset(true).maxPerParam(8);
    }

    @Test
    void singleGru() {
        assertGradientsMatchPerSequence(CellFixtures.network(gru(N_OUT), sequenceOutput()), null);
    }

    @Test
    void singleGruWithMixedLengthMask() {
        assertGradientsMatchPerSequence(CellFixtures.network(gru(N_OUT), sequenceOutput()),
                CellFixtures.mask(STEPS, LENGTHS));
    }

    @Test
    void softsignCandidateWithMask() {
        Gru softsign = new Gru.Builder().nOut(N_OUT).activation(Activation.SOFTSIGN).build();
        assertGradientsMatchPerSequence(CellFixtures.network(softsign, sequenceOutput()),
                CellFixtures.mask(STEPS, LENGTHS));
    }

    @Test
    void stackedGru() {
        assertGradientsMatchPerSequence(CellFixtures.network(gru(N_OUT), gru(N_OUT), sequenceOutput()), null);
    }

    @Test
    void stackedGruWithMask() {
        assertGradientsMatchPerSequence(CellFixtures.network(gru(N_OUT), gru(N_OUT), sequenceOutput()),
                CellFixtures.mask(STEPS, LENGTHS));
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void bidirectionalWithMask(Bidirectional.Mode mode) {
        INDArray mask = CellFixtures.mask(STEPS, LENGTHS);
        assertGradientsMatch(forMode(mode, CellFixtures.network(new Bidirectional(mode, gru(N_OUT)), sequenceOutput()))
                .labels(CellFixtures.sequenceLabels(BATCH, CLASSES, STEPS)).inputMask(mask).labelMask(mask));
    }

    @Test
    void lastTimeStepWithMask() {
        assertGradientsMatchLastStep(CellFixtures.network(new LastTimeStep(gru(N_OUT)), lastStepOutput()),
                CellFixtures.mask(STEPS, LENGTHS));
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void bidirectionalLastStepWithMask(Bidirectional.Mode mode) {
        assertGradientsMatch(forMode(mode,
                CellFixtures.network(CellFixtures.bidirectionalConcat(gru(N_OUT)), CellFixtures.lastStep(mode), lastStepOutput()))
                .labels(CellFixtures.labels(BATCH, CLASSES)).inputMask(CellFixtures.mask(STEPS, LENGTHS)));
    }
}
