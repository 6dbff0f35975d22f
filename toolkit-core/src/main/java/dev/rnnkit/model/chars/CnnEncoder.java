package dev.rnnkit.model.chars;

import static dev.rnnkit.model.chars.CharEncoderParams.CONV_BIAS_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.CONV_WEIGHT_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.EMBEDDING_KEY;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The character CNN: embedding, a "same" convolution over each word's characters, tanh, max over positions.
 *
 * <p>All positions of all words are rows of one window matrix [C, k d] (C = the characters of the minibatch's
 * words; row p of a word holds the embeddings of its characters p - r..p + r, r = (k - 1) / 2, zero where that
 * falls outside the word), so the convolution is one matrix product and its gradients two more. Since tanh is
 * increasing, the maximum is taken over the pre-activations and tanh applied to the [words, nOut] maxima only;
 * the gradient flows to the arg max of each word and filter.
 */
final class CnnEncoder extends WordEncoder {

    private final int width;
    private final int radius;
    private final int windowColumns;

    private Words words;
    private int[] start = new int[0];
    private int[] argmax = new int[0];
    private double[] windows = new double[0];
    private double[] conv = new double[0];
    private double[] activated = new double[0];
    private double[] convGradient = new double[0];
    private double[] windowGradient = new double[0];
    private INDArray windowMatrix;
    private INDArray weights;

    CnnEncoder(CharEncoder conf, DataType type) {
        super(conf, type);
        this.width = conf.getKernelWidth();
        this.radius = (width - 1) / 2;
        this.windowColumns = width * embedding;
    }

    @Override
    void forward(Words words, Map<String, INDArray> params, double[] out) {
        this.words = words;
        int count = words.count;
        int rows = words.totalChars;
        int d = embedding;
        double[] e = host.values(params.get(EMBEDDING_KEY));
        double[] bias = host.values(params.get(CONV_BIAS_KEY));
        weights = params.get(CONV_WEIGHT_KEY);

        start = grow(start, count);
        windows = grow(windows, rows * windowColumns);
        int row = 0;
        for (int k = 0; k < count; k++) {
            int n = words.length[k];
            start[k] = row;
            for (int p = 0; p < n; p++, row++) {
                for (int j = 0; j < width; j++) {
                    int q = p + j - radius;
                    int at = row * windowColumns + j * d;
                    if (q < 0 || q >= n) {
                        Arrays.fill(windows, at, at + d, 0);
                    } else {
                        System.arraycopy(e, words.chars[k * words.maxChars + q] * d, windows, at, d);
                    }
                }
            }
        }
        windowMatrix = scratch.matrix("windows", type, rows, windowColumns);
        host.write(windows, 0, windowMatrix, 0, rows * windowColumns);
        INDArray z = scratch.matrix("conv", type, rows, nOut);
        gemm(windowMatrix, false, weights, false, z);
        conv = grow(conv, rows * nOut);
        host.read(z, 0, conv, 0, rows * nOut);

        // Max over each word's positions, the first on ties; the bias is the same at every position.
        argmax = grow(argmax, count * nOut);
        activated = grow(activated, count * nOut);
        for (int k = 0; k < count; k++) {
            int first = start[k];
            int o = k * nOut;
            for (int c = 0; c < nOut; c++) {
                activated[o + c] = conv[first * nOut + c];
                argmax[o + c] = first;
            }
            for (int r = first + 1; r < first + words.length[k]; r++) {
                for (int c = 0; c < nOut; c++) {
                    double v = conv[r * nOut + c];
                    if (v > activated[o + c]) {
                        activated[o + c] = v;
                        argmax[o + c] = r;
                    }
                }
            }
            for (int c = 0; c < nOut; c++) {
                activated[o + c] += bias[c];
            }
        }
        Activations.tanh(activated, 0, count * nOut, type != DataType.DOUBLE);
        System.arraycopy(activated, 0, out, 0, count * nOut);
    }

    @Override
    void backward(double[] rowGradient, Map<String, INDArray> gradients) {
        int count = words.count;
        int rows = words.totalChars;
        int d = embedding;
        convGradient = grow(convGradient, rows * nOut);
        Arrays.fill(convGradient, 0, rows * nOut, 0);
        double[] biasGradient = new double[nOut];
        for (int k = 0; k < count; k++) {
            for (int c = 0; c < nOut; c++) {
                int i = k * nOut + c;
                double a = activated[i];
                double g = rowGradient[i] * (1 - a * a);
                // Each (word, filter) has its own arg max row, so nothing else writes this element.
                convGradient[argmax[i] * nOut + c] = g;
                biasGradient[c] += g;
            }
        }
        INDArray dz = scratch.matrix("convGradient", type, rows, nOut);
        host.write(convGradient, 0, dz, 0, rows * nOut);
        gemm(windowMatrix, true, dz, false, gradients.get(CONV_WEIGHT_KEY));
        assign(gradients.get(CONV_BIAS_KEY), biasGradient);

        INDArray dWindows = scratch.matrix("windowGradient", type, rows, windowColumns);
        gemm(dz, false, weights, true, dWindows);
        windowGradient = grow(windowGradient, rows * windowColumns);
        host.read(dWindows, 0, windowGradient, 0, rows * windowColumns);
        double[] embeddingGradient = new double[vocabulary * d];
        for (int k = 0; k < count; k++) {
            int n = words.length[k];
            for (int p = 0; p < n; p++) {
                int row = start[k] + p;
                for (int j = 0; j < width; j++) {
                    int q = p + j - radius;
                    if (q < 0 || q >= n) {
                        continue;
                    }
                    int to = words.chars[k * words.maxChars + q] * d;
                    int from = row * windowColumns + j * d;
                    for (int x = 0; x < d; x++) {
                        embeddingGradient[to + x] += windowGradient[from + x];
                    }
                }
            }
        }
        assign(gradients.get(EMBEDDING_KEY), embeddingGradient);
    }
}
