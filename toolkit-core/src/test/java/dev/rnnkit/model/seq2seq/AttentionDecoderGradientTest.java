package dev.rnnkit.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.layers.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Numerical gradient checks (DL4J's {@link GradientCheckUtil}, double precision) of the whole attention encoder-decoder:
 * every score, with and without input feeding, one- and two-directional encoders, sources and targets of mixed lengths.
 *
 * <p>The tolerance is 1e-3 relative: the loss sums a dozen steps (about 6.3), so a central difference with epsilon 1e-6
 * resolves a gradient of 1e-5 only to about 1e-5 relative, and such gradients are common here; a wrong term in the
 * backward pass is off by far more (checked by breaking the context gradient: relative errors near 1).
 */
@ExtendWith(DoublePrecision.class)
class AttentionDecoderGradientTest {

    @ParameterizedTest
    @CsvSource({"general,false,false", "dot,true,false", "dot,false,true", "general,true,false", "general,true,true",
            "additive,true,false", "additive,false,true"})
    void analyticGradientsMatchNumericalOnes(String score, boolean inputFeeding, boolean bidirectional) {
        ComputationGraph graph = EncoderDecoderFixtures.graph(EncoderDecoderFixtures.config(
                EncoderDecoderFixtures.yaml(score, inputFeeding, bidirectional, 6)), DataType.DOUBLE);
        DataType d = DataType.DOUBLE;
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                        .inputs(EncoderDecoderFixtures.features(d))
                        .labels(new INDArray[] {EncoderDecoderFixtures.labels(d)})
                        .inputMask(EncoderDecoderFixtures.featureMasks(d))
                        .labelMask(new INDArray[] {EncoderDecoderFixtures.mask(EncoderDecoderFixtures.TARGETS, d)})
                        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)),
                "analytic and numerical gradients differ (details in the log)");
    }
}
