package dev.rnnkit.model.recurrent;

import static dev.rnnkit.model.recurrent.CellFixtures.N_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Float layers take the vectorised activations ({@link FastActivations}); double layers (and the gradient
 * checks) take ND4J's ops. The two agree to float precision, alone and through whole networks.
 */
class FloatPrecisionTest {

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    @Test
    void rationalTanhAndSigmoidMatchTheFunctions() {
        Random random = new Random(5);
        int n = 100_000;
        float[] t = new float[n];
        float[] s = new float[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (random.nextDouble() - 0.5) * 40;
            t[i] = (float) x[i];
            s[i] = (float) x[i];
        }
        t[0] = 0f;
        s[0] = 0f;
        x[0] = 0;
        FastActivations.tanh(t, n);
        FastActivations.sigmoid(s, n);
        double tanhError = 0;
        double sigmoidError = 0;
        for (int i = 0; i < n; i++) {
            tanhError = Math.max(tanhError, Math.abs(t[i] - Math.tanh(x[i])));
            sigmoidError = Math.max(sigmoidError, Math.abs(s[i] - 1 / (1 + Math.exp(-x[i]))));
        }
        assertTrue(tanhError < 5e-7, "tanh max error " + tanhError);
        assertTrue(sigmoidError < 5e-7, "sigmoid max error " + sigmoidError);
        assertEquals(0f, t[0]);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void floatNetworkMatchesDoubleNetwork(CellKind kind) {
        RecurrentCell cell = CellFixtures.cell(kind, N_OUT, Activation.TANH);
        MultiLayerNetwork inDouble = CellFixtures.network(new Bidirectional(Bidirectional.Mode.CONCAT, cell),
                new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build());
        MultiLayerNetwork inFloat = inDouble.convertDataType(DataType.FLOAT);
        INDArray input = CellFixtures.input(3, 6, 21);
        INDArray mask = CellFixtures.mask(6, 6, 2, 4);
        INDArray labels = CellFixtures.sequenceLabels(3, 2, 6);

        INDArray expected = inDouble.output(input, false, mask, null);
        INDArray actual = inFloat.output(input.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT), null);
        assertTrue(expected.equalsWithEps(actual.castTo(DataType.DOUBLE), 1e-5), "outputs differ");

        inDouble.setLayerMaskArrays(mask, mask);
        inDouble.setInput(input);
        inDouble.setLabels(labels);
        inDouble.computeGradientAndScore();
        inFloat.setLayerMaskArrays(mask.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT));
        inFloat.setInput(input.castTo(DataType.FLOAT));
        inFloat.setLabels(labels.castTo(DataType.FLOAT));
        inFloat.computeGradientAndScore();
        INDArray gradDouble = inDouble.gradient().gradient();
        INDArray gradFloat = inFloat.gradient().gradient().castTo(DataType.DOUBLE);
        double scale = gradDouble.amaxNumber().doubleValue();
        double diff = gradDouble.sub(gradFloat).amaxNumber().doubleValue();
        assertTrue(diff < 1e-4 * Math.max(1, scale), "gradients differ by " + diff + " (largest " + scale + ")");
        assertEquals(inDouble.score(), inFloat.score(), 1e-5);
    }
}
