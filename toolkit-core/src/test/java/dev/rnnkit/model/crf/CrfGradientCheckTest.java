package dev.rnnkit.model.crf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.eval.TagScheme;
import dev.rnnkit.model.layers.DoublePrecision;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Every parameter gradient of networks ending in a CRF against central differences of the score (DL4J's
 * {@link GradientCheckUtil}), with masks of mixed lengths and with tag-scheme constraints.
 */
@ExtendWith(DoublePrecision.class)
class CrfGradientCheckTest {

    static final int[] LENGTHS = {5, 3, 1};
    static final int STEPS = 5;

    private static boolean check(MultiLayerNetwork net, int nIn, int tags, CrfTransitions allowed, long seed) {
        CrfFixtures.randomize(net, seed, 0.5);
        INDArray x = CrfFixtures.input(seed + 1, LENGTHS.length, nIn, STEPS);
        INDArray mask = CrfFixtures.mask(LENGTHS, STEPS);
        INDArray labels = CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(seed + 2), LENGTHS, allowed), tags, STEPS);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(labels).inputMask(mask).labelMask(mask)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void lstmThenConstrainedCrf() {
        CrfTransitions allowed = CrfTransitions.forTags(CrfFixtures.IOB2_TAGS, TagScheme.IOB2);
        assertTrue(check(CrfFixtures.lstmCrf(3, 4, 5, allowed), 3, 5, allowed, 101), "gradient check failed");
    }

    @Test
    void denseThenUnconstrainedCrfThroughPreprocessors() {
        CrfTransitions allowed = CrfTransitions.allowAll(3);
        assertTrue(check(CrfFixtures.denseCrf(3, 4, 3, null), 3, 3, allowed, 201), "gradient check failed");
    }

    @Test
    void crfWithL2RegularisationAndIobesConstraints() {
        CrfTransitions allowed = CrfTransitions.forTags(CrfFixtures.IOBES_TAGS, TagScheme.IOBES);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new NoOp()).l2(0.05).l2Bias(0.02)
                .list()
                .layer(new LSTM.Builder().nOut(3).activation(Activation.TANH).build())
                .layer(CrfFixtures.crf(5, allowed))
                .setInputType(InputType.recurrent(2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertTrue(check(net, 2, 5, allowed, 301), "gradient check failed");
    }

    @Test
    void computationGraphLstmThenConstrainedCrf() {
        CrfTransitions allowed = CrfTransitions.forTags(CrfFixtures.IOBES_TAGS, TagScheme.IOBES);
        ComputationGraph graph = CrfFixtures.lstmCrfGraph(3, 4, 5, allowed, DataType.DOUBLE);
        CrfFixtures.randomize(graph, 401, 0.5);
        INDArray x = CrfFixtures.input(402, LENGTHS.length, 3, STEPS);
        INDArray mask = CrfFixtures.mask(LENGTHS, STEPS);
        INDArray labels = CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(403), LENGTHS, allowed), 5, STEPS);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph).inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                .inputMask(new INDArray[] {mask}).labelMask(new INDArray[] {mask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "gradient check failed");
    }
}
