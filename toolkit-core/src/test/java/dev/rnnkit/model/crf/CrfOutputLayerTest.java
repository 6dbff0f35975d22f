package dev.rnnkit.model.crf;

import static dev.rnnkit.model.crf.CrfFixtures.emissions;
import static dev.rnnkit.model.crf.CrfFixtures.matrix;
import static dev.rnnkit.model.crf.CrfFixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.eval.TagScheme;
import dev.rnnkit.model.layers.DoublePrecision;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Loss, decoding, marginals, masks and parameters of {@link CrfOutputLayer} inside networks. */
@ExtendWith(DoublePrecision.class)
class CrfOutputLayerTest {

    static final int NIN = 2;

    @Test
    void scoreIsTheMeanNegativeLogLikelihoodByEnumeration() {
        CrfTransitions allowed = CrfMathTest.constrained();
        MultiLayerNetwork net = CrfFixtures.crfOnly(NIN, 3, allowed, DataType.DOUBLE);
        CrfFixtures.randomize(net, 21, 1.0);
        int[] lengths = {4, 2, 0, 3};
        int steps = 4;
        INDArray x = CrfFixtures.input(22, lengths.length, NIN, steps);
        INDArray mask = CrfFixtures.mask(lengths, steps);
        int[][] gold = CrfFixtures.validPaths(new Random(23), lengths, allowed);
        INDArray labels = CrfFixtures.oneHot(gold, 3, steps);

        var layer = net.getLayer(0);
        double[][] w = matrix(layer, CrfParams.WEIGHT_KEY);
        double[] b = vector(layer, CrfParams.BIAS_KEY);
        double[][] trans = matrix(layer, CrfParams.TRANSITIONS_KEY);
        double[] start = vector(layer, CrfParams.START_KEY);
        double[] end = vector(layer, CrfParams.END_KEY);
        double[] expected = new double[lengths.length];
        double sum = 0;
        for (int i = 0; i < lengths.length; i++) {
            double[][] e = emissions(x, i, lengths[i], w, b);
            expected[i] = lengths[i] == 0 ? 0
                    : BruteForce.logZ(e, trans, start, end, allowed) - BruteForce.score(gold[i], e, trans, start, end);
            sum += expected[i];
        }
        assertTrue(expected[0] > 0 && expected[1] > 0 && expected[3] > 0);

        DataSet ds = new DataSet(x, labels, mask, mask);
        assertEquals(sum / lengths.length, net.score(ds, false), 1e-10);
        assertArrayEquals(expected, net.scoreExamples(ds, false).reshape(lengths.length).toDoubleVector(), 1e-10);
    }

    /** P(y | x) = exp(-NLL(y)) sums to 1 over every labelling of one sentence, and Viterbi picks the likeliest. */
    @Test
    void pathProbabilitiesSumToOneAndViterbiIsTheMostLikely() {
        for (CrfTransitions allowed : List.of(CrfTransitions.allowAll(3), CrfMathTest.constrained())) {
            MultiLayerNetwork net = CrfFixtures.crfOnly(NIN, 3, allowed, DataType.DOUBLE);
            CrfFixtures.randomize(net, 31, 1.0);
            int steps = 3;
            List<int[]> all = BruteForce.paths(steps, 3, CrfTransitions.allowAll(3));
            INDArray one = CrfFixtures.input(32, 1, NIN, steps);
            INDArray x = Nd4j.concat(0, all.stream().map(p -> one).toArray(INDArray[]::new));
            INDArray labels = CrfFixtures.oneHot(all.toArray(int[][]::new), 3, steps);
            double[] nll = net.scoreExamples(new DataSet(x, labels), false).reshape(all.size()).toDoubleVector();

            double total = 0;
            int likeliest = 0;
            for (int i = 0; i < all.size(); i++) {
                double p = Math.exp(-nll[i]);
                total += p;
                if (nll[i] < nll[likeliest]) {
                    likeliest = i;
                }
                if (!allowed.isValidPath(all.get(i))) {
                    assertEquals(0.0, p, 1e-300, "forbidden path " + Arrays.toString(all.get(i)));
                }
            }
            assertEquals(1.0, total, 1e-10);
            int[] decoded = CrfFixtures.argmaxPath(net.output(one), 0, steps);
            assertArrayEquals(all.get(likeliest), decoded);
            assertArrayEquals(all.get(likeliest), crf(net).viterbi(one, null)[0]);
        }
    }

    static CrfOutputLayer crf(MultiLayerNetwork net) {
        return (CrfOutputLayer) net.getLayer(net.getnLayers() - 1);
    }

    @Test
    void decodesTheBestAllowedPathAndZeroAtPadding() {
        for (var scheme : List.of(TagScheme.IOB2, TagScheme.IOBES)) {
            List<String> tags = scheme == TagScheme.IOB2 ? CrfFixtures.IOB2_TAGS : CrfFixtures.IOBES_TAGS;
            CrfTransitions allowed = CrfTransitions.forTags(tags, scheme);
            int k = tags.size();
            MultiLayerNetwork net = CrfFixtures.crfOnly(4, k, allowed, DataType.DOUBLE);
            MultiLayerNetwork free = CrfFixtures.crfOnly(4, k, null, DataType.DOUBLE);
            CrfFixtures.randomize(net, 41, 2.0);
            free.setParams(net.params());
            Random r = new Random(42);
            int steps = 5;
            int[] lengths = new int[30];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = 1 + r.nextInt(steps);
            }
            INDArray x = CrfFixtures.input(43, lengths.length, 4, steps);
            INDArray mask = CrfFixtures.mask(lengths, steps);
            INDArray out = net.output(x, false, mask, null);
            INDArray freeOut = free.output(x, false, mask, null);
            int[][] viterbi = crf(net).viterbi(x, mask);
            var layer = net.getLayer(0);
            double[][] w = matrix(layer, CrfParams.WEIGHT_KEY);
            double[] b = vector(layer, CrfParams.BIAS_KEY);
            double[][] trans = matrix(layer, CrfParams.TRANSITIONS_KEY);
            double[] start = vector(layer, CrfParams.START_KEY);
            double[] end = vector(layer, CrfParams.END_KEY);
            int invalidWithoutConstraints = 0;
            for (int i = 0; i < lengths.length; i++) {
                int[] best = BruteForce.best(emissions(x, i, lengths[i], w, b), trans, start, end, allowed);
                assertArrayEquals(best, viterbi[i], scheme + " example " + i);
                assertArrayEquals(best, CrfFixtures.argmaxPath(out, i, lengths[i]), scheme + " example " + i);
                assertTrue(allowed.isValidPath(viterbi[i]));
                invalidWithoutConstraints += allowed.isValidPath(CrfFixtures.argmaxPath(freeOut, i, lengths[i])) ? 0 : 1;
                for (int t = 0; t < steps; t++) {
                    double stepSum = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t)).sumNumber().doubleValue();
                    assertEquals(t < lengths[i] ? 1.0 : 0.0, stepSum, scheme + " example " + i + " step " + t);
                }
            }
            // The same scores without constraints do produce ill-formed paths: the constraints do the work.
            assertTrue(invalidWithoutConstraints > 0, scheme + ": every unconstrained path was valid anyway");
        }
    }

    @Test
    void marginalsMatchEnumerationAndVanishAtPadding() {
        CrfTransitions allowed = CrfMathTest.constrained();
        MultiLayerNetwork net = CrfFixtures.crfOnly(NIN, 3, allowed, DataType.DOUBLE);
        CrfFixtures.randomize(net, 51, 1.0);
        int[] lengths = {3, 1, 0};
        int steps = 3;
        INDArray x = CrfFixtures.input(52, lengths.length, NIN, steps);
        INDArray m = crf(net).marginals(x, CrfFixtures.mask(lengths, steps));
        assertArrayEquals(new long[] {3, 3, 3}, m.shape());
        var layer = net.getLayer(0);
        for (int i = 0; i < lengths.length; i++) {
            double[][] expected = BruteForce.marginals(emissions(x, i, lengths[i], matrix(layer, "W"), vector(layer, "b")),
                    matrix(layer, "transitions"), vector(layer, "start"), vector(layer, "end"), allowed);
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(t < lengths[i] ? expected[t][j] : 0.0, m.getDouble(i, j, t), 1e-10, i + "," + j + "," + t);
                }
            }
        }
        // Tag 2 cannot open a sentence.
        assertEquals(0.0, m.getDouble(0, 2, 0), 1e-300);
        INDArray e = crf(net).emissions(x);
        assertArrayEquals(new long[] {3, 3, steps}, e.shape());
        double[][] byHand = emissions(x, 1, steps, matrix(layer, "W"), vector(layer, "b"));
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(byHand[t][j], e.getDouble(1, j, t), 1e-12);
            }
        }
    }

    /**
     * DL4J hands the sequence mask to the output layer as the labels mask (setMaskArray) or, without one, as the
     * features mask propagated through the layers; either alone gives the same loss and output, and without any mask
     * the padded steps (no gold tag) are rejected.
     */
    @Test
    void theMaskArrivesFromFeaturesOrLabelsInBothNetworkKinds() {
        CrfTransitions allowed = CrfTransitions.forTags(CrfFixtures.IOB2_TAGS, TagScheme.IOB2);
        int[] lengths = {5, 3, 1};
        int steps = 5;
        INDArray x = CrfFixtures.input(61, lengths.length, 3, steps);
        INDArray mask = CrfFixtures.mask(lengths, steps);
        INDArray labels = CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(62), lengths, allowed), 5, steps);

        MultiLayerNetwork net = CrfFixtures.lstmCrf(3, 4, 5, allowed);
        CrfFixtures.randomize(net, 63, 0.5);
        double both = net.score(new DataSet(x, labels, mask, mask), false);
        assertEquals(both, net.score(new DataSet(x, labels, mask, null), false), 1e-12);
        assertEquals(both, net.score(new DataSet(x, labels, null, mask), false), 1e-12);
        Exception noMask = assertThrows(Exception.class, () -> net.score(new DataSet(x, labels), false));
        assertTrue(noMask.getMessage().contains("example 1 has no gold tag at real step 3"), noMask.getMessage());
        assertEquals(net.output(x, false, mask, mask), net.output(x, false, mask, null));

        ComputationGraph graph = CrfFixtures.lstmCrfGraph(3, 4, 5, allowed, DataType.DOUBLE);
        graph.setParams(net.params());
        INDArray[] in = {x};
        INDArray[] lab = {labels};
        INDArray[] m = {mask};
        assertEquals(both, graph.score(new MultiDataSet(in, lab, m, m), false), 1e-12);
        assertEquals(both, graph.score(new MultiDataSet(in, lab, m, null), false), 1e-12);
        assertEquals(both, graph.score(new MultiDataSet(in, lab, null, m), false), 1e-12);
        Exception graphNoMask = assertThrows(Exception.class, () -> graph.score(new MultiDataSet(in, lab), false));
        assertTrue(graphNoMask.getMessage().contains("example 1 has no gold tag at real step 3"), graphNoMask.getMessage());
        assertEquals(net.output(x, false, mask, null), graph.output(false, in, m, null)[0]);
    }

    /** The input gradient equals finite differences of the summed loss, and is zero at padded steps. */
    @Test
    void inputGradientMatchesFiniteDifferencesAndIsZeroAtPadding() {
        CrfTransitions allowed = CrfMathTest.constrained();
        MultiLayerNetwork net = CrfFixtures.crfOnly(NIN, 3, allowed, DataType.DOUBLE);
        CrfFixtures.randomize(net, 71, 1.0);
        int[] lengths = {3, 2};
        int steps = 3;
        INDArray x = CrfFixtures.input(72, 2, NIN, steps);
        INDArray mask = CrfFixtures.mask(lengths, steps);
        INDArray labels = CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(73), lengths, allowed), 3, steps);
        Pair<Gradient, INDArray> g = net.calculateGradients(x, labels, mask, mask);
        INDArray eps = g.getSecond();
        assertArrayEquals(new long[] {2, NIN, steps}, eps.shape());
        double h = 1e-6;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < NIN; i++) {
                for (int t = 0; t < steps; t++) {
                    long[] at = {b, i, t};
                    INDArray plus = x.dup();
                    plus.putScalar(at, x.getDouble(at) + h);
                    INDArray minus = x.dup();
                    minus.putScalar(at, x.getDouble(at) - h);
                    // score() is the batch mean; DL4J's gradients are of the sum.
                    double numeric = 2 * (net.score(new DataSet(plus, labels, mask, mask), false)
                            - net.score(new DataSet(minus, labels, mask, mask), false)) / (2 * h);
                    assertEquals(numeric, eps.getDouble(at), 1e-7, Arrays.toString(at));
                }
            }
        }
        assertEquals(0.0, eps.getDouble(1, 0, 2));
        assertEquals(0.0, eps.getDouble(1, 1, 2));
        assertNotEquals(0.0, eps.getDouble(1, 0, 1));
    }

    @Test
    void parametersAreViewsOfTheNetworkVectorWithTheDocumentedShapes() {
        int tags = 4;
        MultiLayerNetwork net = CrfFixtures.crfOnly(3, tags, null, DataType.DOUBLE);
        var layer = net.getLayer(0);
        assertEquals(CrfParams.count(3, tags), layer.numParams());
        assertEquals(3 * tags + tags + tags * tags + 2 * tags, net.numParams());
        assertEquals(List.of("W", "b", "transitions", "start", "end"), List.copyOf(layer.paramTable().keySet()));
        assertArrayEquals(new long[] {3, tags}, layer.getParam("W").shape());
        assertArrayEquals(new long[] {1, tags}, layer.getParam("b").shape());
        assertArrayEquals(new long[] {tags, tags}, layer.getParam("transitions").shape());
        assertArrayEquals(new long[] {1, tags}, layer.getParam("start").shape());
        assertArrayEquals(new long[] {1, tags}, layer.getParam("end").shape());
        assertTrue(layer.getParam("W").norm2Number().doubleValue() > 0);
        for (String zero : List.of("b", "transitions", "start", "end")) {
            assertEquals(0.0, layer.getParam(zero).norm2Number().doubleValue(), zero);
        }
        // Writing through the table changes the flat vector: transitions[1][2] sits at 3K + K + 1K + 2.
        INDArray t = Nd4j.zeros(DataType.DOUBLE, tags, tags);
        t.putScalar(1, 2, 7.5);
        layer.setParam("transitions", t);
        assertEquals(7.5, net.params().getDouble(3 * tags + tags + tags + 2));
        assertEquals(7.5, layer.getParam("transitions").getDouble(1, 2));
    }

    @Test
    void floatNetworkMatchesTheDoubleOne() {
        CrfTransitions allowed = CrfTransitions.forTags(CrfFixtures.IOB2_TAGS, TagScheme.IOB2);
        MultiLayerNetwork d = CrfFixtures.crfOnly(3, 5, allowed, DataType.DOUBLE);
        MultiLayerNetwork f = CrfFixtures.crfOnly(3, 5, allowed, DataType.FLOAT);
        CrfFixtures.randomize(d, 81, 1.0);
        f.setParams(d.params().castTo(DataType.FLOAT));
        int[] lengths = {6, 4, 2};
        INDArray x = CrfFixtures.input(82, 3, 3, 6);
        INDArray mask = CrfFixtures.mask(lengths, 6);
        INDArray labels = CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(83), lengths, allowed), 5, 6);
        DataSet ds = new DataSet(x, labels, mask, mask);
        DataSet dsFloat = new DataSet(x.castTo(DataType.FLOAT), labels.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT),
                mask.castTo(DataType.FLOAT));
        assertEquals(d.score(ds, false), f.score(dsFloat, false), 1e-4);
        INDArray outF = f.output(dsFloat.getFeatures(), false, dsFloat.getFeaturesMaskArray(), null);
        assertEquals(DataType.FLOAT, outF.dataType());
        assertEquals(d.output(x, false, mask, null).castTo(DataType.FLOAT), outF);
        Pair<Gradient, INDArray> gd = d.calculateGradients(x, labels, mask, mask);
        Pair<Gradient, INDArray> gf = f.calculateGradients(dsFloat.getFeatures(), dsFloat.getLabels(), dsFloat.getFeaturesMaskArray(),
                dsFloat.getLabelsMaskArray());
        for (String key : List.of("0_W", "0_transitions", "0_start")) {
            INDArray a = gd.getFirst().getGradientFor(key);
            INDArray b = gf.getFirst().getGradientFor(key).castTo(DataType.DOUBLE);
            assertTrue(a.sub(b).norm2Number().doubleValue() < 1e-4 * Math.max(1, a.norm2Number().doubleValue()), key);
            assertTrue(a.norm2Number().doubleValue() > 0, key);
        }
    }

    @Test
    void inputDropoutTrainsAndInferenceStaysDeterministic() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new org.nd4j.linalg.learning.config.Sgd(0.1))
                .list()
                .layer(new CrfOutput.Builder().nOut(3).dropOut(0.5).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(4))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        int[] lengths = {4, 3};
        INDArray x = CrfFixtures.input(95, 2, 4, 4);
        INDArray mask = CrfFixtures.mask(lengths, 4);
        DataSet ds = new DataSet(x, CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(96), lengths, CrfTransitions.allowAll(3)), 3, 4),
                mask, mask);
        INDArray before = net.params().dup();
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        assertNotEquals(before, net.params());
        assertTrue(Double.isFinite(net.score()));
        assertEquals(net.output(x, false, mask, null), net.output(x, false, mask, null));
        assertEquals(net.score(ds, false), net.score(ds, false), 0.0);
        assertTrue(conf.getMemoryReport(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(4, 10))
                .getTotalMemoryBytes(8, org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING,
                        org.deeplearning4j.nn.conf.CacheMode.NONE, DataType.DOUBLE) > 0);
    }

    @Test
    void badShapesAreExplained() {
        MultiLayerNetwork net = CrfFixtures.crfOnly(NIN, 3, null, DataType.DOUBLE);
        INDArray x = CrfFixtures.input(91, 2, NIN, 3);
        Exception labels = assertThrows(Exception.class,
                () -> net.score(new DataSet(x, Nd4j.zeros(DataType.DOUBLE, 2, 4, 3)), false));
        assertTrue(labels.getMessage().contains("expects one-hot labels [2, 3, 3]"), labels.getMessage());
        Exception mask = assertThrows(Exception.class, () -> crf(net).viterbi(x, Nd4j.ones(DataType.DOUBLE, 2, 4)));
        assertTrue(mask.getMessage().contains("mask must be [batch, T] = [2, 3]"), mask.getMessage());
        IllegalStateException tags = assertThrows(IllegalStateException.class,
                () -> new CrfOutput.Builder().nOut(4).transitions(CrfTransitions.allowAll(3)).build());
        assertEquals("CrfOutput: transitions cover 3 tags but nOut is 4", tags.getMessage());
    }
}
