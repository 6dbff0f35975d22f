package dev.rnnkit.model.crf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime side of {@link CrfOutput}: CRF loss and exact gradients by forward-backward, Viterbi decoding.
 *
 * <p>The sequence mask arrives as DL4J gives it to any output layer: the labels mask through {@code setMaskArray}
 * (MultiLayerNetwork and ComputationGraph both set it on the output layer), otherwise the features mask propagated
 * through {@code feedForwardMaskArray}. The real steps of an example (mask &gt; 0) form its sequence, in order; a
 * padded prefix mask is the usual case, and an example without real steps contributes nothing. No mask: every step
 * is real.
 *
 * <p>As in DL4J's own output layers, {@link #computeScore} is the mean NLL over the minibatch plus the regularisation
 * term, while the gradients are of the summed NLL: DL4J's updater divides them by the minibatch size.
 */
public class CrfOutputLayer extends BaseLayer<CrfOutput> implements IOutputLayer {

    private INDArray labels;

    public CrfOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** One minibatch ready for the recursions. */
    private record Batch(int size, int steps, INDArray rows, INDArray scores, double[][][] emissions, int[][] real) {
    }

    /**
     * Emissions of every real step. rows: the input as [batch*T, nIn], row b*T + t; scores: W^T x + b for those rows,
     * [batch*T, K]; emissions[b]: [len_b][K] over the real steps real[b] of example b.
     */
    private Batch prepare(INDArray x, INDArray mask, INDArray w, INDArray b) {
        if (x == null || x.rank() != 3 || x.size(1) != w.size(0)) {
            throw new DL4JInvalidInputException("CrfOutput " + layerId() + " expects input [batch, " + w.size(0)
                    + ", T] (NCW), got " + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        int batch = (int) x.size(0);
        int steps = (int) x.size(2);
        int nIn = (int) x.size(1);
        int[][] real = realSteps(mask, batch, steps);
        INDArray rows = x.castTo(w.dataType()).permute(0, 2, 1).dup('c').reshape('c', (long) batch * steps, nIn);
        INDArray scores = rows.mmul(w).addiRowVector(b);
        double[][] all = scores.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][][] emissions = new double[batch][][];
        for (int i = 0; i < batch; i++) {
            emissions[i] = new double[real[i].length][];
            for (int s = 0; s < real[i].length; s++) {
                emissions[i][s] = all[i * steps + real[i][s]];
            }
        }
        return new Batch(batch, steps, rows, scores, emissions, real);
    }

    /** The batch of the layer's own input and mask, with dropout and weight noise as in training. */
    private Batch prepare(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        return prepare(input, maskArray, getParamWithNoise(CrfParams.WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(CrfParams.BIAS_KEY, training, workspaceMgr));
    }

    private CrfMath.Potentials potentials() {
        return CrfMath.Potentials.of(getParam(CrfParams.TRANSITIONS_KEY).castTo(DataType.DOUBLE).toDoubleMatrix(),
                getParam(CrfParams.START_KEY).castTo(DataType.DOUBLE).toDoubleVector(),
                getParam(CrfParams.END_KEY).castTo(DataType.DOUBLE).toDoubleVector(),
                layerConf().transitions());
    }

    /** The indices of the real steps of each example, in order. */
    static int[][] realSteps(INDArray mask, int batch, int steps) {
        int[][] real = new int[batch][];
        if (mask == null) {
            int[] all = new int[steps];
            Arrays.setAll(all, t -> t);
            for (int b = 0; b < batch; b++) {
                real[b] = all.clone();
            }
            return real;
        }
        INDArray m = mask;
        if (!(m.rank() == 2 && m.size(0) == batch && m.size(1) == steps)) {
            if (m.length() == (long) batch * steps && (m.rank() == 1 || m.isColumnVector())) {
                // A mask DL4J flattened for feed-forward layers: [batch*T, 1].
                m = TimeSeriesUtils.reshapeVectorToTimeSeriesMask(m.reshape(m.length(), 1), batch);
            } else {
                throw new DL4JInvalidInputException("CrfOutput: mask must be [batch, T] = [" + batch + ", " + steps
                        + "], got " + Arrays.toString(mask.shape()));
            }
        }
        double[][] values = m.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int b = 0; b < batch; b++) {
            int n = 0;
            int[] idx = new int[steps];
            for (int t = 0; t < steps; t++) {
                if (values[b][t] > 0) {
                    idx[n++] = t;
                }
            }
            real[b] = Arrays.copyOf(idx, n);
        }
        return real;
    }

    /** The gold tag of every real step, from one-hot labels [batch, K, T]. */
    private int[][] goldPaths(Batch batch) {
        int tags = (int) layerConf().getNOut();
        if (labels == null) {
            throw new IllegalStateException("CrfOutput " + layerId() + ": no labels set");
        }
        if (labels.rank() != 3 || labels.size(0) != batch.size || labels.size(1) != tags || labels.size(2) != batch.steps) {
            throw new DL4JInvalidInputException("CrfOutput " + layerId() + " expects one-hot labels [" + batch.size + ", "
                    + tags + ", " + batch.steps + "], got " + Arrays.toString(labels.shape()));
        }
        double[] flat = labels.castTo(DataType.DOUBLE).dup('c').reshape(labels.length()).toDoubleVector();
        int[][] gold = new int[batch.size][];
        for (int b = 0; b < batch.size; b++) {
            int[] real = batch.real[b];
            gold[b] = new int[real.length];
            for (int s = 0; s < real.length; s++) {
                int t = real[s];
                int best = -1;
                double max = 0;
                for (int j = 0; j < tags; j++) {
                    double v = flat[(b * tags + j) * batch.steps + t];
                    if (v > max) {
                        max = v;
                        best = j;
                    }
                }
                if (best < 0) {
                    throw new DL4JInvalidInputException("CrfOutput " + layerId() + ": example " + b + " has no gold tag at real step " + t);
                }
                gold[b][s] = best;
            }
        }
        return gold;
    }

    private double[] negLogLikelihoods(Batch batch) {
        CrfMath.Potentials p = potentials();
        int[][] gold = goldPaths(batch);
        double[] nll = new double[batch.size];
        for (int b = 0; b < batch.size; b++) {
            nll[b] = CrfMath.negLogLikelihood(gold[b], batch.emissions[b], p);
        }
        return nll;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        Batch batch = prepare(training, workspaceMgr);
        double sum = 0;
        for (double v : negLogLikelihoods(batch)) {
            sum += v;
        }
        if (conf().isMiniBatch()) {
            sum /= batch.size;
        }
        this.score = sum + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        Batch batch = prepare(false, workspaceMgr);
        double[] nll = negLogLikelihoods(batch);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, batch.size, 1);
        for (int b = 0; b < batch.size; b++) {
            out.putScalar(b, 0, nll[b] + fullNetRegTerm);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray w = getParamWithNoise(CrfParams.WEIGHT_KEY, true, workspaceMgr);
        Batch batch = prepare(true, workspaceMgr);
        CrfMath.Potentials p = potentials();
        CrfTransitions allowed = layerConf().transitions();
        int[][] gold = goldPaths(batch);
        int tags = p.tags();
        // d NLL / d emissions at every [b*T + t] row; masked steps stay zero, so nothing flows back from them.
        double[][] dEmissions = new double[batch.size * batch.steps][tags];
        double[][] dTransitions = new double[tags][tags];
        double[] dStart = new double[tags];
        double[] dEnd = new double[tags];
        double sum = 0;
        for (int b = 0; b < batch.size; b++) {
            int[] real = batch.real[b];
            double[][] dE = new double[real.length][];
            for (int s = 0; s < real.length; s++) {
                dE[s] = dEmissions[b * batch.steps + real[s]];
            }
            sum += CrfMath.gradient(gold[b], batch.emissions[b], p, allowed, dE, dTransitions, dStart, dEnd);
        }
        this.score = conf().isMiniBatch() ? sum / batch.size : sum;

        INDArray delta = Nd4j.createFromArray(dEmissions).castTo(w.dataType());
        INDArray wGrad = gradientViews.get(CrfParams.WEIGHT_KEY);
        wGrad.assign(batch.rows.transpose().mmul(delta));
        INDArray bGrad = gradientViews.get(CrfParams.BIAS_KEY);
        bGrad.assign(delta.sum(true, 0));
        gradientViews.get(CrfParams.TRANSITIONS_KEY).assign(Nd4j.createFromArray(dTransitions).castTo(w.dataType()));
        gradientViews.get(CrfParams.START_KEY).assign(Nd4j.createFromArray(new double[][] {dStart}).castTo(w.dataType()));
        gradientViews.get(CrfParams.END_KEY).assign(Nd4j.createFromArray(new double[][] {dEnd}).castTo(w.dataType()));
        Gradient gradient = new DefaultGradient();
        for (String key : CrfParams.getInstance().paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        this.gradient = gradient;

        long nIn = w.size(0);
        INDArray epsilonIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, w.dataType(), new long[] {batch.size, nIn, batch.steps}, 'c');
        epsilonIn.assign(delta.mmul(w.transpose()).reshape('c', batch.size, batch.steps, nIn).permute(0, 2, 1));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonIn));
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        backpropGradient(null, workspaceMgr);
        computeScore(calcRegularizationScore(true), true, workspaceMgr);
    }

    /** The Viterbi path of each example as one-hot [batch, K, T], all zeros at masked steps. */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Batch batch = prepare(training, workspaceMgr);
        int tags = (int) layerConf().getNOut();
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {batch.size, tags, batch.steps}, 'c');
        out.assign(oneHot(decode(batch), batch, tags));
        return out;
    }

    private int[][] decode(Batch batch) {
        CrfMath.Potentials p = potentials();
        int[][] paths = new int[batch.size][];
        for (int b = 0; b < batch.size; b++) {
            paths[b] = CrfMath.viterbi(batch.emissions[b], p);
        }
        return paths;
    }

    private static INDArray oneHot(int[][] paths, Batch batch, int tags) {
        double[] flat = new double[batch.size * tags * batch.steps];
        for (int b = 0; b < batch.size; b++) {
            for (int s = 0; s < paths[b].length; s++) {
                flat[(b * tags + paths[b][s]) * batch.steps + batch.real[b][s]] = 1;
            }
        }
        return Nd4j.create(flat, new long[] {batch.size, tags, batch.steps}, 'c');
    }

    /**
     * The best tag path of each example by Viterbi, with the current parameters (no dropout or weight noise).
     *
     * @param input [batch, nIn, T]
     * @param mask  [batch, T], 1 at real steps; null: all real
     * @return per example, the tags of its real steps in order (empty for an example without real steps)
     */
    public int[][] viterbi(INDArray input, INDArray mask) {
        return decode(prepare(input, mask, getParam(CrfParams.WEIGHT_KEY), getParam(CrfParams.BIAS_KEY)));
    }

    /**
     * The posterior probability of each tag at each step, P(y_t = j | x), by forward-backward: per-tag confidences
     * that sum to 1 over the tags at every real step.
     *
     * @param input [batch, nIn, T]
     * @param mask  [batch, T], 1 at real steps; null: all real
     * @return [batch, K, T] in the network's data type, zero at masked steps
     */
    public INDArray marginals(INDArray input, INDArray mask) {
        Batch batch = prepare(input, mask, getParam(CrfParams.WEIGHT_KEY), getParam(CrfParams.BIAS_KEY));
        CrfMath.Potentials p = potentials();
        int tags = p.tags();
        double[] flat = new double[batch.size * tags * batch.steps];
        for (int b = 0; b < batch.size; b++) {
            double[][] m = CrfMath.marginals(batch.emissions[b], p);
            for (int s = 0; s < m.length; s++) {
                for (int j = 0; j < tags; j++) {
                    flat[(b * tags + j) * batch.steps + batch.real[b][s]] = m[s][j];
                }
            }
        }
        return Nd4j.create(flat, new long[] {batch.size, tags, batch.steps}, 'c').castTo(dataType);
    }

    /**
     * The emission scores W^T x_t + b, [batch, K, T], with the current parameters (masked steps included).
     *
     * @param input [batch, nIn, T]
     */
    public INDArray emissions(INDArray input) {
        Batch batch = prepare(input, null, getParam(CrfParams.WEIGHT_KEY), getParam(CrfParams.BIAS_KEY));
        return batch.scores.reshape('c', batch.size, batch.steps, layerConf().getNOut()).permute(0, 2, 1).dup('c');
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
    }

    /** Token-level F1 of the Viterbi paths (DL4J's {@link Evaluation}), masked by the current mask array. */
    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    /** Token-level F1 of the Viterbi paths (DL4J's {@link Evaluation}), masked by the current mask array. */
    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        INDArray paths = activate(examples, false, LayerWorkspaceMgr.noWorkspaces());
        Evaluation eval = new Evaluation();
        eval.evalTimeSeries(labels, paths, maskArray);
        return eval.f1();
    }

    @Override
    public int numLabels() {
        return (int) layerConf().getNOut();
    }

    /** Not per example for sequences: use {@link #viterbi(INDArray, INDArray)}. DL4J itself never calls this. */
    @Override
    public int[] predict(INDArray input) {
        throw new UnsupportedOperationException("CrfOutput predicts tag sequences: use viterbi(input, mask) or the network's output");
    }

    /** Each example's Viterbi tags as the data set's label names, space-separated. */
    @Override
    public List<String> predict(DataSet dataSet) {
        int[][] paths = viterbi(dataSet.getFeatures(), dataSet.getLabelsMaskArray() != null
                ? dataSet.getLabelsMaskArray() : dataSet.getFeaturesMaskArray());
        List<String> out = new ArrayList<>();
        for (int[] path : paths) {
            StringBuilder sb = new StringBuilder();
            for (int tag : path) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(dataSet.getLabelName(tag));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** Output layers are trained through their network, as DL4J's own. */
    @Override
    public void fit(DataSetIterator iter) {
        throw new UnsupportedOperationException("train the network that holds the CRF layer");
    }

    /** Output layers are trained through their network, as DL4J's own. */
    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw new UnsupportedOperationException("train the network that holds the CRF layer");
    }

    /** Output layers are trained through their network, as DL4J's own. */
    @Override
    public void fit(DataSet data) {
        throw new UnsupportedOperationException("train the network that holds the CRF layer");
    }

    /** Output layers are trained through their network, as DL4J's own. */
    @Override
    public void fit(INDArray examples, int[] labels) {
        throw new UnsupportedOperationException("train the network that holds the CRF layer");
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
