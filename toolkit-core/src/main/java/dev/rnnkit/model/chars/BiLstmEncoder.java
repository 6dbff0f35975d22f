package dev.rnnkit.model.chars;

import static dev.rnnkit.model.chars.CharEncoderParams.BACKWARD_BIAS_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.BACKWARD_INPUT_WEIGHT_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.BACKWARD_RECURRENT_WEIGHT_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.EMBEDDING_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.FORWARD_BIAS_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.FORWARD_INPUT_WEIGHT_KEY;
import static dev.rnnkit.model.chars.CharEncoderParams.FORWARD_RECURRENT_WEIGHT_KEY;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The character BiLSTM: embedding, an LSTM over each word's characters in each direction, their last states.
 *
 * <p>Words are sorted by length, longest first, and packed time-major: step t holds one row per word still
 * running (longer than t), and those are always the first words. A step's rows and the previous step's states
 * of the same words are then contiguous blocks, and a word's last real step is its last row; padding is never
 * computed and no mask is needed. The backward direction reads each word's characters from its last to its
 * first, so its step t is character n - 1 - t, and the same packing serves both.
 *
 * <p>The input projection, and the weight and input gradients of all steps, are one matrix product each per
 * direction; only the recurrent product runs step by step. The element-wise work of a step (bias, gate
 * nonlinearities, cell, output; backwards the gate gradients) is Java over heap copies of the step's rows (see
 * {@link Activations}); one sigmoid pass serves all four gates, with tanh(z) = 2 sigmoid(2 z) - 1 for the candidate.
 */
final class BiLstmEncoder extends WordEncoder {

    private static final String[][] KEYS = {
        {FORWARD_INPUT_WEIGHT_KEY, FORWARD_RECURRENT_WEIGHT_KEY, FORWARD_BIAS_KEY},
        {BACKWARD_INPUT_WEIGHT_KEY, BACKWARD_RECURRENT_WEIGHT_KEY, BACKWARD_BIAS_KEY}};

    private final int units;
    private final int gateColumns;
    private final boolean fast;
    /** 1 for the input, forget and output gate columns, 2 for the candidate's. */
    private final double[] gateScale;
    private final Direction[] directions = {new Direction(0), new Direction(1)};

    private Words words;
    private int[] order = new int[0];
    private int[] active = new int[0];
    private int[] offset = new int[0];

    BiLstmEncoder(CharEncoder conf, DataType type) {
        super(conf, type);
        this.units = nOut / 2;
        this.gateColumns = 4 * units;
        this.fast = type != DataType.DOUBLE;
        this.gateScale = new double[gateColumns];
        Arrays.fill(gateScale, 0, 3 * units, 1);
        Arrays.fill(gateScale, 3 * units, gateColumns, 2);
    }

    @Override
    void forward(Words words, Map<String, INDArray> params, double[] out) {
        this.words = words;
        sortAndPack(words);
        double[] e = host.values(params.get(EMBEDDING_KEY));
        for (Direction direction : directions) {
            direction.forward(e, params);
        }
        // Output: [forward state after the word's last character ; backward state after its first].
        for (int j = 0; j < words.count; j++) {
            int r = offset[words.length[order[j]] - 1] + j;
            System.arraycopy(directions[0].hidden, r * units, out, order[j] * nOut, units);
            System.arraycopy(directions[1].hidden, r * units, out, order[j] * nOut + units, units);
        }
    }

    @Override
    void backward(double[] rowGradient, Map<String, INDArray> gradients) {
        double[] embeddingGradient = new double[vocabulary * embedding];
        for (Direction direction : directions) {
            direction.backward(rowGradient, gradients, embeddingGradient);
        }
        assign(gradients.get(EMBEDDING_KEY), embeddingGradient);
    }

    /** Orders the words by length, longest first (stable), and lays out the steps' rows. */
    private void sortAndPack(Words words) {
        int count = words.count;
        int longest = words.longest;
        int[] perLength = new int[longest + 2];
        for (int k = 0; k < count; k++) {
            perLength[words.length[k]]++;
        }
        // First sorted position of each length, longest first.
        int[] next = new int[longest + 2];
        for (int len = longest - 1; len >= 1; len--) {
            next[len] = next[len + 1] + perLength[len + 1];
        }
        order = grow(order, count);
        for (int k = 0; k < count; k++) {
            order[next[words.length[k]]++] = k;
        }
        active = grow(active, longest + 1);
        offset = grow(offset, longest + 1);
        int running = count;
        offset[0] = 0;
        for (int t = 0; t <= longest; t++) {
            running -= t > 0 ? perLength[t] : 0;
            active[t] = running;
            if (t < longest) {
                offset[t + 1] = offset[t] + running;
            }
        }
    }

    /** One direction's LSTM over the packed words, with its arrays: 0 reads characters 1..n, 1 reads n..1. */
    private final class Direction {
        private final int index;
        private INDArray inputWeights;
        private INDArray recurrentWeights;
        private double[] bias;
        private INDArray inputMatrix;
        private INDArray gateMatrix;
        private double[] embedded = new double[0];
        private double[] gates = new double[0];
        private double[] cell = new double[0];
        private double[] cellAct = new double[0];
        double[] hidden = new double[0];
        private double[] carried = new double[0];
        private double[] carriedCell = new double[0];
        private double[] gateGradient = new double[0];
        private double[] previousHidden = new double[0];
        private double[] inputGradient = new double[0];

        Direction(int index) {
            this.index = index;
        }

        /** The id of the character that sorted word j reads at step t. */
        private int charId(int j, int t) {
            int k = order[j];
            return words.chars[k * words.maxChars + (index == 0 ? t : words.length[k] - 1 - t)];
        }

        void forward(double[] e, Map<String, INDArray> params) {
            int d = embedding;
            int h = units;
            int g = gateColumns;
            int rows = words.totalChars;
            int longest = words.longest;
            inputWeights = params.get(KEYS[index][0]);
            recurrentWeights = params.get(KEYS[index][1]);
            bias = host.values(params.get(KEYS[index][2]));

            embedded = grow(embedded, rows * d);
            for (int t = 0; t < longest; t++) {
                for (int j = 0; j < active[t]; j++) {
                    System.arraycopy(e, charId(j, t) * d, embedded, (offset[t] + j) * d, d);
                }
            }
            inputMatrix = scratch.matrix("inputs" + index, type, rows, d);
            host.write(embedded, 0, inputMatrix, 0, rows * d);
            gateMatrix = scratch.matrix("gates" + index, type, rows, g);
            gemm(inputMatrix, false, inputWeights, false, gateMatrix);
            INDArray hiddenMatrix = scratch.matrix("hidden" + index, type, rows, h);

            gates = grow(gates, rows * g);
            cell = grow(cell, rows * h);
            cellAct = grow(cellAct, rows * h);
            hidden = grow(hidden, rows * h);
            for (int t = 0; t < longest; t++) {
                int n = active[t];
                int o = offset[t];
                if (t > 0) {
                    RowBlockGemm.gemm(hiddenMatrix, offset[t - 1], n, recurrentWeights, false, gateMatrix, o, 1.0);
                }
                host.read(gateMatrix, (long) o * g, gates, o * g, n * g);
                // One sigmoid pass over the step's whole block (long loops vectorise; a call per gate block and row
                // cost twice as much): the candidate's pre-activation is doubled first and tanh(z) = 2 sigmoid(2 z) - 1.
                for (int j = 0; j < n; j++) {
                    int gr = (o + j) * g;
                    for (int c = 0; c < g; c++) {
                        gates[gr + c] = (gates[gr + c] + bias[c]) * gateScale[c];
                    }
                }
                Activations.sigmoid(gates, o * g, (o + n) * g, fast);
                for (int j = 0; j < n; j++) {
                    int gr = (o + j) * g;
                    int cr = (o + j) * h;
                    int pr = t > 0 ? (offset[t - 1] + j) * h : -1;
                    for (int u = 0; u < h; u++) {
                        double z = 2 * gates[gr + 3 * h + u] - 1;
                        gates[gr + 3 * h + u] = z;
                        double c = gates[gr + u] * z;
                        if (pr >= 0) {
                            c += gates[gr + h + u] * cell[pr + u];
                        }
                        cell[cr + u] = c;
                        cellAct[cr + u] = c;
                    }
                }
                Activations.tanh(cellAct, o * h, (o + n) * h, fast);
                for (int j = 0; j < n; j++) {
                    int gr = (o + j) * g + 2 * h;
                    int cr = (o + j) * h;
                    for (int u = 0; u < h; u++) {
                        hidden[cr + u] = gates[gr + u] * cellAct[cr + u];
                    }
                }
                if (t + 1 < longest) {
                    host.write(hidden, o * h, hiddenMatrix, (long) o * h, active[t + 1] * h);
                }
            }
        }

        void backward(double[] rowGradient, Map<String, INDArray> gradients, double[] embeddingGradient) {
            int d = embedding;
            int h = units;
            int g = gateColumns;
            int count = words.count;
            int rows = words.totalChars;
            int longest = words.longest;
            // carried: dL/dh of each sorted word at the step being processed. A word's first value (at its last
            // step) is its output gradient; from then on it is what flows back from the step after.
            carried = grow(carried, count * h);
            carriedCell = grow(carriedCell, count * h);
            Arrays.fill(carriedCell, 0, count * h, 0);
            for (int j = 0; j < count; j++) {
                System.arraycopy(rowGradient, order[j] * nOut + index * h, carried, j * h, h);
            }
            gateGradient = grow(gateGradient, rows * g);
            INDArray gateGradMatrix = scratch.matrix("gateGradient" + index, type, rows, g);
            INDArray carriedMatrix = scratch.matrix("carried" + index, type, count, h);
            for (int t = longest - 1; t >= 0; t--) {
                int n = active[t];
                int o = offset[t];
                for (int j = 0; j < n; j++) {
                    int gr = (o + j) * g;
                    int cr = (o + j) * h;
                    int pr = t > 0 ? (offset[t - 1] + j) * h : -1;
                    int dr = j * h;
                    for (int u = 0; u < h; u++) {
                        double i = gates[gr + u];
                        double f = gates[gr + h + u];
                        double og = gates[gr + 2 * h + u];
                        double z = gates[gr + 3 * h + u];
                        double tc = cellAct[cr + u];
                        double dh = carried[dr + u];
                        double dc = carriedCell[dr + u] + dh * og * (1 - tc * tc);
                        double previousCell = pr >= 0 ? cell[pr + u] : 0;
                        gateGradient[gr + u] = dc * z * i * (1 - i);
                        gateGradient[gr + h + u] = dc * previousCell * f * (1 - f);
                        gateGradient[gr + 2 * h + u] = dh * tc * og * (1 - og);
                        gateGradient[gr + 3 * h + u] = dc * i * (1 - z * z);
                        carriedCell[dr + u] = dc * f;
                    }
                }
                host.write(gateGradient, o * g, gateGradMatrix, (long) o * g, n * g);
                if (t > 0) {
                    RowBlockGemm.gemm(gateGradMatrix, o, n, recurrentWeights, true, carriedMatrix, 0, 0.0);
                    host.read(carriedMatrix, 0, carried, 0, n * h);
                }
            }

            // h_{t-1} of every row (zero at step 0), so that the recurrent weight gradient is one product.
            previousHidden = grow(previousHidden, rows * h);
            Arrays.fill(previousHidden, 0, active[0] * h, 0);
            for (int t = 1; t < longest; t++) {
                System.arraycopy(hidden, offset[t - 1] * h, previousHidden, offset[t] * h, active[t] * h);
            }
            INDArray previousMatrix = scratch.matrix("previousHidden" + index, type, rows, h);
            host.write(previousHidden, 0, previousMatrix, 0, rows * h);
            gemm(inputMatrix, true, gateGradMatrix, false, gradients.get(KEYS[index][0]));
            gemm(previousMatrix, true, gateGradMatrix, false, gradients.get(KEYS[index][1]));
            double[] biasGradient = new double[g];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < g; c++) {
                    biasGradient[c] += gateGradient[r * g + c];
                }
            }
            assign(gradients.get(KEYS[index][2]), biasGradient);

            INDArray inputGrad = scratch.matrix("inputGradient" + index, type, rows, d);
            gemm(gateGradMatrix, false, inputWeights, true, inputGrad);
            inputGradient = grow(inputGradient, rows * d);
            host.read(inputGrad, 0, inputGradient, 0, rows * d);
            for (int t = 0; t < longest; t++) {
                for (int j = 0; j < active[t]; j++) {
                    int from = (offset[t] + j) * d;
                    int to = charId(j, t) * d;
                    for (int x = 0; x < d; x++) {
                        embeddingGradient[to + x] += inputGradient[from + x];
                    }
                }
            }
        }
    }
}
