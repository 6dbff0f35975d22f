package dev.rnnkit.model.gru;

import dev.rnnkit.model.recurrent.CellFixtures;
import dev.rnnkit.model.recurrent.CellKind;
import dev.rnnkit.model.recurrent.RecurrentCellLayer;
import dev.rnnkit.model.recurrent.RecurrentParams;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the layer against the equations on {@link Gru}, evaluated here with plain doubles.
 */
class GruHandComputedTest {

    private static final int N_IN = 2;
    private static final int N_OUT = 3;
    private static final int STEPS = 2;

    // Columns: reset (0..2), update (3..5), candidate (6..8).
    private static final double[][] W = {
            {0.10, -0.20, 0.30, 0.40, -0.50, 0.60, -0.70, 0.80, 0.90},
            {-0.15, 0.25, -0.35, 0.45, 0.55, -0.65, 0.75, -0.85, 0.95}};
    private static final double[][] RW = {
            {0.05, 0.10, -0.15, 0.20, -0.25, 0.30, 0.35, -0.40, 0.45},
            {-0.50, 0.55, 0.60, -0.65, 0.70, 0.75, -0.80, 0.85, -0.90},
            {0.12, -0.22, 0.32, 0.42, 0.52, -0.62, 0.72, 0.82, -0.92}};
    private static final double[] B = {0.01, -0.02, 0.03, 0.5, -0.4, 0.3, -0.05, 0.06, -0.07};
    private static final double[][] X = {{0.5, -1.0}, {1.5, 0.25}}; // X[t][feature]

    @BeforeAll
    static void doublePrecision() {
        CellFixtures.useDoublePrecision();
    }

    @Test
    void tanhCandidateMatchesEquations() {
        assertMatchesEquations(Activation.TANH, Math::tanh);
    }

    @Test
    void softsignCandidateMatchesEquations() {
        assertMatchesEquations(Activation.SOFTSIGN, z -> z / (1 + Math.abs(z)));
    }

    private static void assertMatchesEquations(Activation activation, DoubleUnaryOperator g) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new Gru.Builder().nIn(N_IN).nOut(N_OUT).activation(activation).build())
                .setInputType(InputType.recurrent(N_IN))
                .build());
        net.init();
        net.getLayer(0).setParam(RecurrentParams.INPUT_WEIGHT_KEY, Nd4j.create(W));
        net.getLayer(0).setParam(RecurrentParams.RECURRENT_WEIGHT_KEY, Nd4j.create(RW));
        net.getLayer(0).setParam(RecurrentParams.BIAS_KEY, Nd4j.create(B));

        INDArray input = Nd4j.create(DataType.DOUBLE, 1, N_IN, STEPS);
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N_IN; i++) {
                input.putScalar(0, i, t, X[t][i]);
            }
        }
        INDArray output = net.output(input);

        assertArrayEquals(new long[] {1, N_OUT, STEPS}, output.shape());
        double[][] expected = expectedOutputs(g);
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < N_OUT; j++) {
                assertEquals(expected[t][j], output.getDouble(0, j, t), 1e-12, "h[t=" + t + "][" + j + "]");
            }
        }
    }

    /** h_t for t = 0..STEPS-1, from h_{-1} = 0. */
    private static double[][] expectedOutputs(DoubleUnaryOperator g) {
        double[][] h = new double[STEPS][N_OUT];
        double[] previous = new double[N_OUT];
        for (int t = 0; t < STEPS; t++) {
            double[] reset = new double[N_OUT];
            double[] update = new double[N_OUT];
            for (int j = 0; j < N_OUT; j++) {
                reset[j] = sigmoid(inputTerm(t, j) + recurrentTerm(previous, j) + B[j]);
                update[j] = sigmoid(inputTerm(t, N_OUT + j) + recurrentTerm(previous, N_OUT + j) + B[N_OUT + j]);
            }
            double[] resetPrevious = new double[N_OUT];
            for (int k = 0; k < N_OUT; k++) {
                resetPrevious[k] = reset[k] * previous[k];
            }
            for (int j = 0; j < N_OUT; j++) {
                int col = 2 * N_OUT + j;
                double candidate = g.applyAsDouble(inputTerm(t, col) + recurrentTerm(resetPrevious, col) + B[col]);
                h[t][j] = update[j] * previous[j] + (1 - update[j]) * candidate;
            }
            previous = h[t];
        }
        return h;
    }

    private static double inputTerm(int t, int col) {
        double sum = 0;
        for (int i = 0; i < N_IN; i++) {
            sum += X[t][i] * W[i][col];
        }
        return sum;
    }

    private static double recurrentTerm(double[] state, int col) {
        double sum = 0;
        for (int k = 0; k < N_OUT; k++) {
            sum += state[k] * RW[k][col];
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
