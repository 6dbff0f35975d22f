package dev.rnnkit.model.chars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.layers.DoublePrecision;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The encoders' outputs against a hand computation and against plain-Java reference implementations. */
@ExtendWith(DoublePrecision.class)
class CharEncoderForwardTest {

    /** The encoder's output [batch, nOut, T] for the fixture input and mask. */
    static INDArray encode(MultiLayerNetwork net, INDArray input, INDArray mask) {
        Layer layer = net.getLayer(0);
        layer.setMaskArray(mask);
        try {
            return layer.activate(input, false, LayerWorkspaceMgr.noWorkspaces()).dup();
        } finally {
            layer.setMaskArray(null);
        }
    }

    /** Replaces every parameter by uniform values in [-1, 1), so that the nonlinearities matter. */
    static void randomise(MultiLayerNetwork net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray params = net.params();
        net.setParams(Nd4j.rand(params.dataType(), params.shape()).muli(2).subi(1));
    }

    /**
     * d = 1, k = 3, nOut = 1, E = [5, 0.5, 1, -1] (row 0 is padding: were it read, 5 would show), W = [0.4, 0.2, 0.3]
     * (left, centre, right neighbour), b = 0.05. Word [2, 3] = values (1, -1): position 0 sees (pad, 1, -1):
     * 0.2 - 0.3 + 0.05 = -0.05; position 1 sees (1, -1, pad): 0.4 - 0.2 + 0.05 = 0.25; max: tanh(0.25).
     * Word [3]: (pad, -1, pad): -0.2 + 0.05 = -0.15, so tanh(-0.15). Word [1, 1, 1] = (0.5, 0.5, 0.5): the middle
     * position sees all three, 0.45 + 0.05 = 0.5, the ends 0.25 + 0.05 and 0.3 + 0.05; max: tanh(0.5).
     */
    @Test
    void cnnMatchesAHandComputation() {
        CharEncoder encoder = new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(4).nOut(1).charEmbeddingSize(1).build();
        MultiLayerNetwork net = CharFixtures.network(encoder, DataType.DOUBLE);
        Layer layer = net.getLayer(0);
        layer.setParam(CharEncoderParams.EMBEDDING_KEY, Nd4j.createFromArray(new double[][] {{5}, {0.5}, {1}, {-1}}));
        layer.setParam(CharEncoderParams.CONV_WEIGHT_KEY, Nd4j.createFromArray(new double[][] {{0.4}, {0.2}, {0.3}}));
        layer.setParam(CharEncoderParams.CONV_BIAS_KEY, Nd4j.createFromArray(new double[][] {{0.05}}));
        INDArray in = CharFixtures.input(new int[][][] {{{2, 3}, {3}, {1, 1, 1}, {}}}, 4);
        INDArray out = encode(net, in, null);
        assertArrayEquals(new long[] {1, 1, 4}, out.shape());
        assertEquals(Math.tanh(0.25), out.getDouble(0, 0, 0), 1e-12);
        assertEquals(Math.tanh(-0.15), out.getDouble(0, 0, 1), 1e-12);
        assertEquals(Math.tanh(0.5), out.getDouble(0, 0, 2), 1e-12);
        assertEquals(0.0, out.getDouble(0, 0, 3));
    }

    @Test
    void cnnMatchesAPlainJavaConvolution() {
        for (int width : new int[] {1, 3, 5}) {
            CharEncoder encoder = new CharEncoder.Builder().kind(CharEncoderKind.CNN).nIn(CharFixtures.VOCAB).nOut(CharFixtures.N_OUT)
                    .charEmbeddingSize(CharFixtures.EMBED).kernelWidth(width).build();
            MultiLayerNetwork net = CharFixtures.network(encoder, DataType.DOUBLE);
            randomise(net, 11 + width);
            INDArray out = encode(net, CharFixtures.input(), CharFixtures.mask());
            double[][] e = net.getLayer(0).getParam(CharEncoderParams.EMBEDDING_KEY).toDoubleMatrix();
            double[][] w = net.getLayer(0).getParam(CharEncoderParams.CONV_WEIGHT_KEY).toDoubleMatrix();
            double[] b = net.getLayer(0).getParam(CharEncoderParams.CONV_BIAS_KEY).toDoubleVector();
            compare(out, (chars) -> cnn(chars, e, w, b, width));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void biLstmMatchesAPlainJavaLstm(DataType type) {
        MultiLayerNetwork net = CharFixtures.network(CharFixtures.encoder(CharEncoderKind.BILSTM), type);
        randomise(net, 5);
        INDArray out = encode(net, CharFixtures.input().castTo(type), CharFixtures.mask().castTo(type));
        Layer layer = net.getLayer(0);
        double[][] e = layer.getParam(CharEncoderParams.EMBEDDING_KEY).toDoubleMatrix();
        double[][][] forward = {layer.getParam("fW").toDoubleMatrix(), layer.getParam("fRW").toDoubleMatrix(),
            {layer.getParam("fb").toDoubleVector()}};
        double[][][] backward = {layer.getParam("bW").toDoubleMatrix(), layer.getParam("bRW").toDoubleMatrix(),
            {layer.getParam("bb").toDoubleVector()}};
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        compare(out, (chars) -> {
            int n = chars.length;
            double[][] xs = new double[n][];
            double[][] reversed = new double[n][];
            for (int i = 0; i < n; i++) {
                xs[i] = e[chars[i]];
                reversed[i] = e[chars[n - 1 - i]];
            }
            double[] f = lstm(xs, forward);
            double[] r = lstm(reversed, backward);
            double[] both = new double[f.length + r.length];
            System.arraycopy(f, 0, both, 0, f.length);
            System.arraycopy(r, 0, both, f.length, r.length);
            return both;
        }, tolerance);
    }

    @Test
    void cnnInFloatMatchesDouble() {
        MultiLayerNetwork doubles = CharFixtures.network(CharFixtures.encoder(CharEncoderKind.CNN), DataType.DOUBLE);
        randomise(doubles, 3);
        MultiLayerNetwork floats = CharFixtures.network(CharFixtures.encoder(CharEncoderKind.CNN), DataType.FLOAT);
        floats.setParams(doubles.params().castTo(DataType.FLOAT));
        INDArray expected = encode(doubles, CharFixtures.input(), CharFixtures.mask());
        INDArray actual = encode(floats, CharFixtures.input().castTo(DataType.FLOAT), CharFixtures.mask().castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, actual.dataType());
        assertTrue(expected.equalsWithEps(actual.castTo(DataType.DOUBLE), 1e-6), expected + "\n" + actual);
    }

    private static void compare(INDArray out, java.util.function.Function<int[], double[]> reference) {
        compare(out, reference, 1e-12);
    }

    /** Every real, non-empty token against the reference; masked and empty tokens exactly zero. */
    private static void compare(INDArray out, java.util.function.Function<int[], double[]> reference, double tolerance) {
        assertArrayEquals(new long[] {CharFixtures.BATCH, CharFixtures.N_OUT, CharFixtures.STEPS}, out.shape());
        for (int b = 0; b < CharFixtures.BATCH; b++) {
            for (int t = 0; t < CharFixtures.STEPS; t++) {
                int[] chars = CharFixtures.WORDS[b][t];
                boolean real = t < CharFixtures.SENTENCE_LENGTHS[b] && chars.length > 0;
                double[] expected = real ? reference.apply(chars) : new double[CharFixtures.N_OUT];
                for (int c = 0; c < CharFixtures.N_OUT; c++) {
                    double actual = out.getDouble(b, c, t);
                    if (real) {
                        assertEquals(expected[c], actual, tolerance, "example " + b + ", token " + t + ", unit " + c);
                    } else {
                        assertEquals(0.0, actual, "example " + b + ", token " + t + " is masked or empty");
                    }
                }
            }
        }
    }

    /** "Same" convolution of the word's embeddings (zero outside the word), tanh, max over positions. */
    static double[] cnn(int[] chars, double[][] e, double[][] w, double[] b, int width) {
        int d = e[0].length;
        int nOut = b.length;
        int radius = (width - 1) / 2;
        double[] best = new double[nOut];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int p = 0; p < chars.length; p++) {
            for (int c = 0; c < nOut; c++) {
                double s = b[c];
                for (int j = 0; j < width; j++) {
                    int q = p + j - radius;
                    if (q >= 0 && q < chars.length) {
                        for (int x = 0; x < d; x++) {
                            s += e[chars[q]][x] * w[j * d + x][c];
                        }
                    }
                }
                best[c] = Math.max(best[c], Math.tanh(s));
            }
        }
        return best;
    }

    /** An LSTM (gates i, f, o, candidate) from zero state over {@code xs}; its last hidden state. */
    static double[] lstm(double[][] xs, double[][][] params) {
        double[][] wx = params[0];
        double[][] wh = params[1];
        double[] bias = params[2][0];
        int h = wh.length;
        double[] hidden = new double[h];
        double[] cell = new double[h];
        for (double[] x : xs) {
            double[] a = bias.clone();
            for (int col = 0; col < 4 * h; col++) {
                for (int r = 0; r < x.length; r++) {
                    a[col] += x[r] * wx[r][col];
                }
                for (int r = 0; r < h; r++) {
                    a[col] += hidden[r] * wh[r][col];
                }
            }
            double[] next = new double[h];
            for (int u = 0; u < h; u++) {
                double i = sigmoid(a[u]);
                double f = sigmoid(a[h + u]);
                double o = sigmoid(a[2 * h + u]);
                double z = Math.tanh(a[3 * h + u]);
                cell[u] = f * cell[u] + i * z;
                next[u] = o * Math.tanh(cell[u]);
            }
            hidden = next;
        }
        return hidden;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
