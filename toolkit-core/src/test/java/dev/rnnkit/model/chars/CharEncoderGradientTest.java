package dev.rnnkit.model.chars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.layers.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Numerical gradient checks (DL4J's {@link GradientCheckUtil}, double precision) of both encoders, with token masks of
 * mixed sentence lengths and words of mixed lengths (1 to L, an empty one), in a MultiLayerNetwork and in a graph.
 */
@ExtendWith(DoublePrecision.class)
class CharEncoderGradientTest {

    private static void check(MultiLayerNetwork net, INDArray mask) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                        .input(CharFixtures.input()).labels(CharFixtures.labels()).inputMask(mask).labelMask(mask)
                        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)),
                "analytic and numerical gradients differ (details in the log)");
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void withTokenMask(CharEncoderKind kind) {
        check(CharFixtures.network(kind), CharFixtures.mask());
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void withoutMask(CharEncoderKind kind) {
        check(CharFixtures.network(kind), null);
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void largerSizesAndAWideKernel(CharEncoderKind kind) {
        CharEncoder encoder = new CharEncoder.Builder().kind(kind).nIn(CharFixtures.VOCAB).nOut(6).charEmbeddingSize(4)
                .kernelWidth(5).biasInit(0.1).build();
        check(CharFixtures.network(encoder, DataType.DOUBLE), CharFixtures.mask());
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void inAGraphWithMaskedInputs(CharEncoderKind kind) {
        ComputationGraph graph = CharFixtures.graph(kind);
        INDArray mask = CharFixtures.mask();
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                        .inputs(new INDArray[] {CharFixtures.input(), CharFixtures.features()})
                        .labels(new INDArray[] {CharFixtures.labels()})
                        .inputMask(new INDArray[] {mask, mask}).labelMask(new INDArray[] {mask})
                        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)),
                "analytic and numerical gradients differ (details in the log)");
    }

    /** Padding's row of E and characters seen only in masked tokens get exactly zero gradient; the others do not. */
    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void paddingAndMaskedOnlyCharactersGetNoGradient(CharEncoderKind kind) {
        MultiLayerNetwork net = CharFixtures.network(kind);
        INDArray mask = CharFixtures.mask();
        Pair<Gradient, INDArray> g = net.calculateGradients(CharFixtures.input(), CharFixtures.labels(), mask, mask);
        INDArray embeddingGradient = g.getFirst().getGradientFor("0_" + CharEncoderParams.EMBEDDING_KEY);
        assertEquals(0.0, embeddingGradient.getRow(0).norm1Number().doubleValue());
        assertEquals(0.0, embeddingGradient.getRow(CharFixtures.MASKED_ONLY_CHAR).norm1Number().doubleValue());
        for (int id = 1; id < CharFixtures.MASKED_ONLY_CHAR; id++) {
            assertTrue(embeddingGradient.getRow(id).norm1Number().doubleValue() > 0, "character " + id + " has no gradient");
        }
        // Without the mask, the masked-only character is used and gets its gradient. (DL4J keeps the layers' last
        // masks when given none.)
        net.clearLayerMaskArrays();
        Pair<Gradient, INDArray> unmasked = net.calculateGradients(CharFixtures.input(), CharFixtures.labels(), null, null);
        assertTrue(unmasked.getFirst().getGradientFor("0_" + CharEncoderParams.EMBEDDING_KEY)
                .getRow(CharFixtures.MASKED_ONLY_CHAR).norm1Number().doubleValue() > 0);
        // Ids are not differentiable: the input gradient is zero.
        assertArrayEquals(CharFixtures.input().shape(), g.getSecond().shape());
        assertEquals(0.0, g.getSecond().norm1Number().doubleValue());
    }
}
