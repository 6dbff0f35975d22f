package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.CellType;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every cell type × direction × head: the built network has the closed-form parameter count and
 * trains one step on random data with mixed-length masks.
 */
class NetworkBuilderTest {

    static final int VOCAB = 7;
    static final int EMBED = 3;
    static final int FEATURES = 2;
    static final int HIDDEN = 4;
    static final int CLASSES = 3;
    static final int TARGETS = 2;
    static final int HORIZON = 3;
    static final int OUT_LEN = 4;
    static final int FC = 5;
    static final int T = 6;
    static final int[] LENGTHS = {6, 3, 1};

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                for (OutputType head : OutputType.values()) {
                    if (head == OutputType.GENERATION && bi) {
                        continue; // rejected by validation; see ConfigValidatorTest
                    }
                    all.add(Arguments.of(cell, bi, head));
                }
            }
        }
        return all.stream();
    }

    /** A two-layer config (layer 2 from num_layers) plus one dense layer, for a head. */
    static String yaml(CellType cell, boolean bi, OutputType head, String reduce) {
        String input = switch (head) {
            case REGRESSION, SEQUENCE_REGRESSION, FORECAST -> "{type: dense, feature_size: " + FEATURES + "}";
            case GENERATION, SEQ2SEQ -> "{type: one_hot, vocab_size: " + VOCAB + "}";
            default -> "{type: embedding, vocab_size: " + VOCAB + ", embedding_size: " + EMBED + "}";
        };
        String size = head.categorical() ? (head == OutputType.GENERATION ? "" : ", num_classes: " + CLASSES) : ", output_size: " + TARGETS;
        String extra = switch (head) {
            case FORECAST -> ", horizon: " + HORIZON;
            case SEQ2SEQ -> ", output_length: " + OUT_LEN + ", decoder: [{cell_type: " + cell.yamlName() + ", state_size: " + HIDDEN + "}]";
            default -> "";
        };
        if (reduce != null) {
            extra += ", reduce_output: " + reduce;
        }
        return "seed: 7\n"
                + "input: " + input + "\n"
                + "encoder:\n"
                + "  - {cell_type: " + cell.yamlName() + ", state_size: " + HIDDEN + ", num_layers: 2, bidirectional: " + bi + "}\n"
                + "fc_layers: [{output_size: " + FC + ", activation: tanh}]\n"
                + "output: {type: " + head.yamlName() + size + extra + "}\n"
                + "training: {batch_size: 3, optimizer: {type: adam, learning_rate: 0.01}}\n";
    }

    static RnnkitConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", List.of());
    }

    /** Parameters of one recurrent layer (one direction), from the cell's equations. */
    static long cellParams(CellType cell, long in, long h) {
        return switch (cell) {
            case LSTM -> 4 * h * (in + h) + 4 * h;      // W [in,4h], RW [h,4h], b [4h]; no peepholes
            case GRU -> 3 * h * (in + h) + 3 * h;       // W [in,3h], RW [h,3h], b [3h]
            case RNN -> h * (in + h) + h;               // W [in,h], RW [h,h], b [h]
        };
    }

    static long expectedParams(CellType cell, boolean bi, OutputType head) {
        int dirs = bi ? 2 : 1;
        long in;
        long total = 0;
        switch (head) {
            case REGRESSION, SEQUENCE_REGRESSION, FORECAST -> in = FEATURES;
            case GENERATION, SEQ2SEQ -> in = VOCAB;
            default -> {
                total += (long) VOCAB * EMBED;          // embedding, no bias
                in = EMBED;
            }
        }
        for (int layer = 0; layer < 2; layer++) {
            total += dirs * cellParams(cell, in, HIDDEN);
            in = (long) dirs * HIDDEN;                   // concat doubles the width
        }
        if (head == OutputType.SEQ2SEQ) {
            total += cellParams(cell, in, HIDDEN);       // unidirectional decoder after the repeat vector
            in = HIDDEN;
        }
        total += in * FC + FC;
        long units = switch (head) {
            case GENERATION -> VOCAB;
            case FORECAST -> (long) TARGETS * HORIZON;
            default -> head.categorical() ? CLASSES : TARGETS;
        };
        return total + FC * units + units;
    }

    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @MethodSource("cases")
    void parameterCountIsClosedForm(CellType cell, boolean bi, OutputType head) throws Exception {
        MultiLayerNetwork net = NetworkBuilder.build(parse(yaml(cell, bi, head, null)), DataShape.unknown()).stack();
        assertEquals(expectedParams(cell, bi, head), net.numParams());
    }

    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @MethodSource("cases")
    void trainsOneStepWithMixedLengthMasks(CellType cell, boolean bi, OutputType head) throws Exception {
        MultiLayerNetwork net = NetworkBuilder.build(parse(yaml(cell, bi, head, null)), DataShape.unknown()).stack();
        DataSet ds = randomBatch(head, new Random(1));
        INDArray before = net.params().dup();
        net.fit(ds);
        double score = net.score();
        assertTrue(Double.isFinite(score) && score > 0, "loss " + score);
        assertFalse(before.equals(net.params()), "parameters did not change");
        INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
        assertArrayEquals(ds.getLabels().shape(), out.shape());
    }

    /**
     * Padding changes nothing: each row of a padded, masked batch gives the same output as that
     * sequence fed alone without padding (per-step heads: at its real steps).
     */
    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @MethodSource("cases")
    void paddedBatchEqualsUnpaddedSequences(CellType cell, boolean bi, OutputType head) throws Exception {
        if (head == OutputType.SEQ2SEQ) {
            return; // covered below with the encoder reduction; the decoder sees no padding
        }
        MultiLayerNetwork net = NetworkBuilder.build(parse(yaml(cell, bi, head, null)), DataShape.unknown()).stack();
        assertPaddingInvisible(net, head);
    }

    /**
     * Padding changes no gradient either: one sequence padded to the batch length with a mask gives the same
     * loss and the same gradient of every parameter as the sequence alone, for every cell and direction.
     */
    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @MethodSource("cases")
    void paddedGradientsEqualUnpadded(CellType cell, boolean bi, OutputType head) throws Exception {
        if (head == OutputType.SEQ2SEQ) {
            return; // its decoder always runs for the full output length
        }
        MultiLayerNetwork net = NetworkBuilder.build(parse(yaml(cell, bi, head, null)), DataShape.unknown()).stack();
        DataSet ds = randomBatch(head, new Random(3));
        int b = 1;
        int length = LENGTHS[b];
        INDArray padded = ds.getFeatures().get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray paddedMask = ds.getFeaturesMaskArray().get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all()).dup();
        INDArray labels = ds.getLabels().get(NDArrayIndex.interval(b, b + 1)).dup();
        INDArray alone = padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, length)).dup();
        INDArray aloneLabels = head.perStep()
                ? labels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, length)).dup() : labels;
        INDArray paddedLabelMask = head.perStep() ? paddedMask : null;

        net.setLayerMaskArrays(paddedMask, paddedLabelMask);
        net.setInput(padded);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double paddedScore = net.score();
        INDArray paddedGradient = net.gradient().gradient().dup();
        net.clearLayerMaskArrays();

        net.setInput(alone);
        net.setLabels(aloneLabels);
        net.computeGradientAndScore();
        assertEquals(net.score(), paddedScore, 1e-5, "loss");
        INDArray aloneGradient = net.gradient().gradient();
        assertTrue(aloneGradient.equalsWithEps(paddedGradient, 1e-5),
                "gradients differ: max |diff| " + aloneGradient.sub(paddedGradient).amaxNumber());
    }

    @ParameterizedTest(name = "reduce_output {0}")
    @ValueSource(strings = {"last", "mean", "max"})
    void reductionsIgnorePadding(String reduce) throws Exception {
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                for (OutputType head : List.of(OutputType.CLASSIFICATION, OutputType.SEQ2SEQ)) {
                    assertPaddingInvisible(NetworkBuilder.build(parse(yaml(cell, bi, head, reduce)), DataShape.unknown()).stack(), head);
                }
            }
        }
    }

    private static void assertPaddingInvisible(MultiLayerNetwork net, OutputType head) {
        DataSet ds = randomBatch(head, new Random(2));
        INDArray batchOut = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        for (int b = 0; b < LENGTHS.length; b++) {
            INDArray alone = ds.getFeatures().get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTHS[b])).dup();
            INDArray aloneOut = net.output(alone, false, null, null);
            INDArray rowOut = batchOut.get(NDArrayIndex.interval(b, b + 1));
            if (head.perStep() && head != OutputType.SEQ2SEQ) {
                rowOut = rowOut.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTHS[b]));
            }
            assertTrue(aloneOut.equalsWithEps(rowOut, 1e-5), "row " + b + ": padded " + rowOut + " vs alone " + aloneOut);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"input.vocab_size", "output.num_classes"})
    void missingSizesAreTakenFromDataOrExplained(String key) throws Exception {
        String yaml = yaml(CellType.LSTM, false, OutputType.CLASSIFICATION, null)
                .replace(key.equals("input.vocab_size") ? "vocab_size: " + VOCAB + ", " : ", num_classes: " + CLASSES, "");
        RnnkitConfig c = parse(yaml);
        ModelBuildException e = assertThrows(ModelBuildException.class, () -> NetworkBuilder.build(c, DataShape.unknown()));
        assertEquals(key + ": is not set in the config and no data was read to take it from; set it, or build the model with data", e.getMessage());
        MultiLayerNetwork net = NetworkBuilder.build(c, new DataShape(VOCAB, null, CLASSES, null)).stack();
        assertEquals(expectedParams(CellType.LSTM, false, OutputType.CLASSIFICATION), net.numParams());
    }

    @org.junit.jupiter.api.Test
    void pretrainedVectorsInitialiseTheEmbedding() throws Exception {
        MultiLayerNetwork net = NetworkBuilder.build(parse(yaml(CellType.GRU, false, OutputType.CLASSIFICATION, null)), DataShape.unknown()).stack();
        INDArray vectors = Nd4j.rand(VOCAB, EMBED);
        NetworkBuilder.initialiseEmbedding(Network.of(net), vectors);
        assertTrue(vectors.castTo(net.getLayer(0).getParam("W").dataType()).equalsWithEps(net.getLayer(0).getParam("W"), 1e-6));
        ModelBuildException e = assertThrows(ModelBuildException.class, () -> NetworkBuilder.initialiseEmbedding(Network.of(net), Nd4j.rand(VOCAB, 5)));
        assertEquals("data.pretrained_embeddings: the vectors give a 7 x 5 matrix but the embedding is 7 x 3 "
                + "(vocabulary x input.embedding_size); set input.embedding_size to 5", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void sameSeedSameWeights() throws Exception {
        RnnkitConfig c = parse(yaml(CellType.LSTM, true, OutputType.TAGGING, null));
        assertEquals(NetworkBuilder.build(c, DataShape.unknown()).params(), NetworkBuilder.build(c, DataShape.unknown()).params());
        RnnkitConfig other = parse(yaml(CellType.LSTM, true, OutputType.TAGGING, null).replace("seed: 7", "seed: 8"));
        assertFalse(NetworkBuilder.build(c, DataShape.unknown()).params().equals(NetworkBuilder.build(other, DataShape.unknown()).params()));
    }

    /** A random batch in DL4J's [batch, features, time] layout with lengths {@link #LENGTHS}. */
    static DataSet randomBatch(OutputType head, Random rnd) {
        int b = LENGTHS.length;
        INDArray mask = Nd4j.zeros(b, T);
        for (int i = 0; i < b; i++) {
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, LENGTHS[i])).assign(1);
        }
        INDArray features = switch (head) {
            case REGRESSION, SEQUENCE_REGRESSION, FORECAST -> Nd4j.rand(new int[] {b, FEATURES, T}).subi(0.5);
            case GENERATION, SEQ2SEQ -> oneHot(b, VOCAB, T, rnd);
            default -> ids(b, T, rnd);
        };
        features.muli(mask.reshape(b, 1, T).broadcast(features.shape()));
        return switch (head) {
            case CLASSIFICATION -> new DataSet(features, oneHot(b, CLASSES, 0, rnd), mask, null);
            case REGRESSION -> new DataSet(features, Nd4j.rand(b, TARGETS), mask, null);
            case FORECAST -> new DataSet(features, Nd4j.rand(b, TARGETS * HORIZON), mask, null);
            case TAGGING -> new DataSet(features, oneHot(b, CLASSES, T, rnd), mask, mask);
            case GENERATION -> new DataSet(features, oneHot(b, VOCAB, T, rnd), mask, mask);
            case SEQUENCE_REGRESSION -> new DataSet(features, Nd4j.rand(new int[] {b, TARGETS, T}), mask, mask);
            case SEQ2SEQ -> {
                INDArray outMask = Nd4j.ones(b, OUT_LEN);
                outMask.putScalar(new int[] {2, OUT_LEN - 1}, 0);
                yield new DataSet(features, oneHot(b, CLASSES, OUT_LEN, rnd), mask, outMask);
            }
        };
    }

    private static INDArray ids(int b, int t, Random rnd) {
        INDArray a = Nd4j.zeros(b, 1, t);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                a.putScalar(new int[] {i, 0, s}, 2 + rnd.nextInt(VOCAB - 2));
            }
        }
        return a;
    }

    /** One-hot [b, n] when {@code t == 0}, else [b, n, t]. */
    private static INDArray oneHot(int b, int n, int t, Random rnd) {
        if (t == 0) {
            INDArray a = Nd4j.zeros(b, n);
            for (int i = 0; i < b; i++) {
                a.putScalar(i, rnd.nextInt(n), 1);
            }
            return a;
        }
        INDArray a = Nd4j.zeros(b, n, t);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                a.putScalar(new int[] {i, rnd.nextInt(n), s}, 1);
            }
        }
        return a;
    }
}
