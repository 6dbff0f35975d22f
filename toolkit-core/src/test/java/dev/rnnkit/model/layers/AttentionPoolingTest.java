package dev.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Semantics, masks, gradients, parameters and serialisation of {@link AttentionPooling}. */
@ExtendWith(DoublePrecision.class)
class AttentionPoolingTest {

    static final int H = 3;
    static final int A = 2;

    @TempDir
    Path dir;

    static AttentionPooling attention(int size) {
        return new AttentionPooling.Builder().attentionSize(size).build();
    }

    /** AttentionPooling alone on an [batch, H, T] input: output() is the pooled [batch, H]. */
    static MultiLayerNetwork poolOnly(DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(type)
                .list()
                .layer(attention(A))
                .setInputType(InputType.recurrent(H))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** LSTM(3) (or a concat Bidirectional LSTM) → AttentionPooling(4) → softmax over 2 classes, on 2 input channels. */
    static MultiLayerNetwork classifier(boolean bidirectional, Activation poolActivation) {
        LSTM lstm = new LSTM.Builder().nOut(3).activation(Activation.TANH).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .list()
                .layer(bidirectional ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm)
                .layer(new AttentionPooling.Builder().attentionSize(4).activation(poolActivation).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same as {@link #classifier} (unidirectional, identity), as a ComputationGraph. */
    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .graphBuilder()
                .addInputs("in")
                .addLayer("rnn", new LSTM.Builder().nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("attn", attention(4), "rnn")
                .addLayer("dense", new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build(), "attn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(2))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Lengths 5, 3, 1 and 0 (a sequence that is all padding). */
    static INDArray mask() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}, {0, 0, 0, 0, 0}});
    }

    static INDArray input() {
        Nd4j.getRandom().setSeed(12);
        return Nd4j.rand(DataType.DOUBLE, 4, 2, 5).subi(0.5).muli(2);
    }

    static INDArray labels() {
        return Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}});
    }

    // ---- forward ----

    @Test
    void forwardMatchesAPlainJavaComputation() {
        MultiLayerNetwork net = poolOnly(DataType.DOUBLE);
        double[][] w = {{0.5, -1.0}, {0.25, 0.75}, {-0.5, 0.1}};
        double[] b = {0.1, -0.2};
        double[] v = {1.5, -0.7};
        net.getLayer(0).setParam("W", Nd4j.createFromArray(w));
        net.getLayer(0).setParam("b", Nd4j.createFromArray(new double[][] {b}));
        net.getLayer(0).setParam("v", Nd4j.createFromArray(new double[][] {{v[0]}, {v[1]}}));
        double[][][] x = {
            {{0.3, -1.2, 0.8, 2.0}, {1.0, 0.4, -0.6, 0.0}, {-0.2, 0.9, 0.5, 1.5}},
            {{-0.7, 0.2, 9.0, -9.0}, {0.6, -0.3, 9.0, -9.0}, {1.1, 0.0, 9.0, -9.0}}};
        double[][] m = {{1, 1, 1, 1}, {1, 1, 0, 0}};
        INDArray out = net.output(Nd4j.createFromArray(x), false, Nd4j.createFromArray(m), null);
        INDArray alpha = AttentionPoolingLayer.attentionWeights(net);
        INDArray unmasked = net.output(Nd4j.createFromArray(x), false);
        INDArray alphaUnmasked = AttentionPoolingLayer.attentionWeights(net);

        for (boolean masked : new boolean[] {true, false}) {
            for (int s = 0; s < 2; s++) {
                double[] e = new double[4];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < 4; t++) {
                    for (int j = 0; j < A; j++) {
                        double z = b[j];
                        for (int i = 0; i < H; i++) {
                            z += x[s][i][t] * w[i][j];
                        }
                        e[t] += v[j] * Math.tanh(z);
                    }
                    if (!masked || m[s][t] == 1) {
                        max = Math.max(max, e[t]);
                    }
                }
                double[] a = new double[4];
                double sum = 0;
                for (int t = 0; t < 4; t++) {
                    a[t] = !masked || m[s][t] == 1 ? Math.exp(e[t] - max) : 0;
                    sum += a[t];
                }
                for (int t = 0; t < 4; t++) {
                    a[t] /= sum;
                    assertEquals(a[t], (masked ? alpha : alphaUnmasked).getDouble(s, t), 1e-12, "alpha " + s + "," + t);
                }
                for (int i = 0; i < H; i++) {
                    double y = 0;
                    for (int t = 0; t < 4; t++) {
                        y += a[t] * x[s][i][t];
                    }
                    assertEquals(y, (masked ? out : unmasked).getDouble(s, i), 1e-12, "output " + s + "," + i);
                }
            }
        }
        // The padded 9s and -9s are what make the masked and unmasked second rows differ.
        assertFalse(out.getRow(1).equalsWithEps(unmasked.getRow(1), 1e-3));
    }

    // ---- masks ----

    @Test
    void paddedStepsChangeNothingAndGetWeightZero() {
        MultiLayerNetwork net = poolOnly(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, H, 5);
        INDArray out = net.output(x, false, mask(), null);
        INDArray alpha = AttentionPoolingLayer.attentionWeights(net);

        // Large values at every padded step: same outputs, same weights.
        INDArray noisy = x.dup();
        for (int s = 0; s < 4; s++) {
            for (int t = 0; t < 5; t++) {
                for (int c = 0; c < H && mask().getDouble(s, t) == 0; c++) {
                    noisy.putScalar(new long[] {s, c, t}, 50.0 * (c + 1) * (s - 1.5));
                }
            }
        }
        assertFalse(noisy.equalsWithEps(x, 1), "the padding was not changed");
        assertEquals(out, net.output(noisy, false, mask(), null));
        assertEquals(alpha, AttentionPoolingLayer.attentionWeights(net));

        int[] lengths = {5, 3, 1, 0};
        for (int s = 0; s < 4; s++) {
            double sum = 0;
            for (int t = 0; t < 5; t++) {
                double a = alpha.getDouble(s, t);
                if (t < lengths[s]) {
                    assertTrue(a > 0, "real step " + t + " of row " + s);
                } else {
                    assertTrue(a == 0, "padded step " + t + " of row " + s + " has weight " + a);
                }
                sum += a;
            }
            assertEquals(lengths[s] > 0 ? 1.0 : 0.0, sum, 1e-12, "sum of weights in row " + s);
        }
        // One real step: all its weight, so the output is that step itself.
        assertEquals(x.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.point(0)), out.getRow(2));
        // No real step: zeros, not NaN.
        assertTrue(out.getRow(3).norm1Number().doubleValue() == 0, out.getRow(3).toString());
        // No mask is the same as all steps real.
        INDArray all = net.output(x, false, Nd4j.ones(DataType.DOUBLE, 4, 5), null);
        assertTrue(all.equalsWithEps(net.output(x, false), 1e-14));
    }

    @Test
    void aPaddedSequenceBehindAnLstmEqualsItsUnpaddedSelfInBothNetworkKinds() {
        // A forward LSTM never looks ahead, so real steps do not see the padding; the attention must ignore it too.
        MultiLayerNetwork net = classifier(false, Activation.IDENTITY);
        ComputationGraph graph = graph();
        INDArray x = input();
        INDArray alone = x.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup();

        INDArray mln = net.output(x, false, mask(), null);
        INDArray mlnAlpha = AttentionPoolingLayer.attentionWeights(net);
        assertTrue(mln.getRow(1).equalsWithEps(net.output(alone).getRow(0), 1e-12));
        assertTrue(mlnAlpha.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 3))
                .equalsWithEps(AttentionPoolingLayer.attentionWeights(net).getRow(0), 1e-12));
        assertFalse(mln.getRow(1).equalsWithEps(net.output(x).getRow(1), 1e-6), "the mask made no difference");

        // The graph hands the mask through the LSTM vertex to the attention vertex the same way.
        INDArray cg = graph.output(false, new INDArray[] {x}, new INDArray[] {mask()})[0];
        INDArray cgAlpha = AttentionPoolingLayer.attentionWeights(graph);
        assertTrue(cg.getRow(1).equalsWithEps(graph.outputSingle(alone).getRow(0), 1e-12));
        assertTrue(cgAlpha.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 5)).norm1Number().doubleValue() == 0);
        assertFalse(cg.getRow(1).equalsWithEps(graph.outputSingle(x).getRow(1), 1e-6), "the mask made no difference");
        assertTrue(cgAlpha.getRow(3).norm1Number().doubleValue() == 0);
    }

    // ---- gradients ----

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "lstm-tanh", "bidirectional"})
    void gradientsMatchFiniteDifferencesInAMultiLayerNetwork(String variant) {
        MultiLayerNetwork net = classifier(variant.equals("bidirectional"), variant.endsWith("tanh") ? Activation.TANH : Activation.IDENTITY);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(input()).labels(labels()).inputMask(mask())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        assertTrue(ok, "gradient check failed for " + variant);
    }

    @Test
    void gradientsMatchFiniteDifferencesInAComputationGraph() {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph()).inputs(new INDArray[] {input()}).labels(new INDArray[] {labels()})
                .inputMask(new INDArray[] {mask()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        assertTrue(ok, "gradient check failed");
    }

    @Test
    void inputGradientMatchesFiniteDifferencesAndIsZeroAtPadding() {
        // The layer alone, scored by a fixed random projection of its output: L(x) = sum(r * pool(x)).
        MultiLayerNetwork net = poolOnly(DataType.DOUBLE);
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        layer.setParam("b", Nd4j.createFromArray(new double[][] {{0.3, -0.4}}));
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, H, 5).subi(0.5);
        INDArray r = Nd4j.rand(DataType.DOUBLE, 4, H).subi(0.5);
        assertNull(layer.feedForwardMaskArray(mask(), MaskState.Active, 4), "the time axis, and so the mask, ends here");
        layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray eps = layer.backpropGradient(r, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertArrayEquals(new long[] {4, H, 5}, eps.shape());

        double h = 1e-6;
        for (int s = 0; s < 4; s++) {
            for (int c = 0; c < H; c++) {
                for (int t = 0; t < 5; t++) {
                    long[] at = {s, c, t};
                    if (mask().getDouble(s, t) == 0) {
                        assertTrue(eps.getDouble(at) == 0, "gradient at padded step " + java.util.Arrays.toString(at));
                        continue;
                    }
                    INDArray plus = x.dup();
                    plus.putScalar(at, x.getDouble(at) + h);
                    INDArray minus = x.dup();
                    minus.putScalar(at, x.getDouble(at) - h);
                    double numeric = (loss(layer, plus, r) - loss(layer, minus, r)) / (2 * h);
                    assertEquals(numeric, eps.getDouble(at), 1e-8, "dL/dx" + java.util.Arrays.toString(at));
                }
            }
        }
    }

    private static double loss(Layer layer, INDArray x, INDArray r) {
        return layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces()).mul(r).sumNumber().doubleValue();
    }

    // ---- parameters and configuration ----

    @Test
    void parametersAreWBAndVSizedFromTheInput() {
        MultiLayerNetwork net = classifier(true, Activation.IDENTITY);
        AttentionPooling conf = (AttentionPooling) net.getLayerWiseConfigurations().getConf(1).getLayer();
        assertEquals(6, conf.getNIn());
        assertEquals(6, conf.getNOut());
        assertEquals(6L * 4 + 4 + 4, net.getLayer(1).numParams());
        assertEquals(List.of("W", "b", "v"), List.copyOf(net.getLayer(1).paramTable().keySet()));
        assertArrayEquals(new long[] {6, 4}, net.getLayer(1).getParam("W").shape());
        assertArrayEquals(new long[] {1, 4}, net.getLayer(1).getParam("b").shape());
        assertArrayEquals(new long[] {4, 1}, net.getLayer(1).getParam("v").shape());
        assertEquals(InputType.feedForward(6), conf.getOutputType(1, InputType.recurrent(6, 9)));
        assertEquals(32L * 8, conf.getMemoryReport(InputType.recurrent(6, 9)).getMemoryBytes(MemoryType.PARAMETERS, 8,
                MemoryUseMode.TRAINING, CacheMode.NONE, DataType.DOUBLE));
        // Unidirectional: in M2.1 Bidirectional's output type loses the time length, which the next layer's report needs.
        assertTrue(classifier(false, Activation.IDENTITY).getLayerWiseConfigurations().getMemoryReport(InputType.recurrent(2, 9))
                .getTotalMemoryBytes(8, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.DOUBLE) > 0);
        // The parameters are views of the network's flat vector.
        net.setParams(Nd4j.zeros(DataType.DOUBLE, 1, net.numParams()));
        assertTrue(net.getLayer(1).getParam("v").norm1Number().doubleValue() == 0);
        // Bias 0, weights random: b is a bias, W and v are weights.
        MultiLayerNetwork fresh = classifier(false, Activation.IDENTITY);
        assertTrue(fresh.getLayer(1).getParam("b").norm1Number().doubleValue() == 0);
        assertTrue(fresh.getLayer(1).getParam("v").norm1Number().doubleValue() > 0);
        assertTrue(conf.initializer().isWeightParam(conf, "v") && conf.initializer().isBiasParam(conf, "b"));
    }

    @Test
    void l2PenalisesTheWeightsButNotTheBias() {
        AttentionPooling layer = (AttentionPooling) new NeuralNetConfiguration.Builder().l2(1e-3).list()
                .layer(attention(A)).setInputType(InputType.recurrent(H)).build().getConf(0).getLayer();
        assertFalse(layer.getRegularizationByParam("W").isEmpty());
        assertFalse(layer.getRegularizationByParam("v").isEmpty());
        assertTrue(layer.getRegularizationByParam("b") == null || layer.getRegularizationByParam("b").isEmpty());
    }

    @Test
    void badConfigurationsAreExplained() {
        assertThrows(IllegalStateException.class, () -> new AttentionPooling.Builder().build());
        IllegalStateException ff = assertThrows(IllegalStateException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(attention(2)).setInputType(InputType.feedForward(3)).build());
        assertTrue(ff.getMessage().contains("needs recurrent input"), ff.getMessage());
        IllegalStateException nwc = assertThrows(IllegalStateException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(attention(2)).setInputType(InputType.recurrent(3, RNNFormat.NWC)).build());
        assertTrue(nwc.getMessage().contains("NCW"), nwc.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new AttentionPooling.Builder().nOut(5));
        IllegalStateException size = assertThrows(IllegalStateException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(new AttentionPooling.Builder().attentionSize(2).nIn(5).build()).setInputType(InputType.recurrent(3))
                .overrideNinUponBuild(false).build());
        assertTrue(size.getMessage().contains("has nIn 5 but its input has 3 channels"), size.getMessage());
        assertThrows(IllegalStateException.class, () -> AttentionPoolingLayer.attentionWeights(poolOnly(DataType.DOUBLE)));
        assertThrows(IllegalArgumentException.class, () -> AttentionPoolingLayer.attentionWeights(
                BidirectionalLastStepTest.net(BidirectionalLastStep.Merge.CONCAT)));
    }

    // ---- serialisation and data types ----

    @Test
    void jsonAndSavedModelsRoundTripToIdenticalOutputs() throws Exception {
        MultiLayerNetwork net = classifier(true, Activation.TANH);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(conf.hashCode(), back.hashCode());
        AttentionPooling layer = (AttentionPooling) back.getConf(1).getLayer();
        assertEquals(4, layer.getAttentionSize());
        assertEquals(Activation.TANH.getActivationFunction(), layer.getActivationFn());
        assertEquals(back, MultiLayerConfiguration.fromYaml(conf.toYaml()));

        File file = dir.resolve("mln.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(input(), false, mask(), null), restored.output(input(), false, mask(), null));
        assertEquals(AttentionPoolingLayer.attentionWeights(net), AttentionPoolingLayer.attentionWeights(restored));

        ComputationGraph graph = graph();
        assertEquals(graph.getConfiguration(), ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson()));
        File graphFile = dir.resolve("cg.zip").toFile();
        ModelSerializer.writeModel(graph, graphFile, true);
        ComputationGraph restoredGraph = ModelSerializer.restoreComputationGraph(graphFile, true);
        assertEquals(graph.output(false, new INDArray[] {input()}, new INDArray[] {mask()})[0],
                restoredGraph.output(false, new INDArray[] {input()}, new INDArray[] {mask()})[0]);
        assertEquals(AttentionPoolingLayer.attentionWeights(graph), AttentionPoolingLayer.attentionWeights(restoredGraph));
    }

    @Test
    void floatMatchesDoubleAndStaysFiniteOnAnAllPaddingRow() {
        MultiLayerNetwork wide = classifier(false, Activation.IDENTITY);
        MultiLayerNetwork narrow = new MultiLayerNetwork(wide.getLayerWiseConfigurations().clone());
        narrow.init();
        narrow = narrow.convertDataType(DataType.FLOAT);
        narrow.setParams(wide.params().castTo(DataType.FLOAT));
        INDArray expected = wide.output(input(), false, mask(), null);
        INDArray actual = narrow.output(input().castTo(DataType.FLOAT), false, mask().castTo(DataType.FLOAT), null);
        assertEquals(DataType.FLOAT, actual.dataType());
        assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(actual, 1e-5), expected + " vs " + actual);
        INDArray alpha = AttentionPoolingLayer.attentionWeights(narrow);
        assertEquals(DataType.FLOAT, alpha.dataType());
        assertTrue(alpha.getRow(3).norm1Number().doubleValue() == 0);

        // Not calculateGradients(f, l, fMask, null): in M2.1 it hands the feature mask to the output layer as a label mask.
        narrow.setInput(input().castTo(DataType.FLOAT));
        narrow.setLabels(labels().castTo(DataType.FLOAT));
        narrow.setLayerMaskArrays(mask().castTo(DataType.FLOAT), null);
        narrow.computeGradientAndScore();
        assertTrue(Double.isFinite(narrow.score()));
        Gradient g = narrow.gradient();
        assertTrue(g.getGradientFor("1_W").norm1Number().doubleValue() > 0);
        for (INDArray grad : g.gradientForVariable().values()) {
            assertFalse(grad.isNaN().any() || grad.isInfinite().any(), grad.toString());
        }
    }
}
