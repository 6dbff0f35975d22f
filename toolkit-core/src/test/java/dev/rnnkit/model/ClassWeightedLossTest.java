package dev.rnnkit.model;

import static dev.rnnkit.model.NetworkBuilderTest.CLASSES;
import static dev.rnnkit.model.NetworkBuilderTest.parse;
import static dev.rnnkit.model.NetworkBuilderTest.randomBatch;
import static dev.rnnkit.model.NetworkBuilderTest.yaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.config.CellType;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * {@code output.class_weights} reaches the loss: the score is the hand-computed weighted cross-entropy, the weights
 * are saved with the model, and weights that need the data are refused without it.
 */
class ClassWeightedLossTest {

    static final double[] WEIGHTS = {1, 4, 0.5};

    @TempDir
    Path dir;

    /** The {@link NetworkBuilderTest} config of a head, with {@code class_weights} in its output section. */
    static RnnkitConfig config(OutputType head, String weights) throws Exception {
        String yaml = yaml(CellType.GRU, false, head, null);
        return parse(weights == null ? yaml : yaml.replace("num_classes: " + CLASSES, "num_classes: " + CLASSES + ", class_weights: " + weights));
    }

    static MultiLayerNetwork network(RnnkitConfig c, DataShape data) {
        // DOUBLE so that the hand-computed loss can be compared closely.
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.configuration(c, data, DataType.DOUBLE));
        net.init();
        return net;
    }

    /**
     * -sum w[y] log p[y] over labelled examples (tagging: over real steps only) divided by the number of sequences:
     * DL4J sums the masked per-step losses of a sequence and averages over the minibatch, not over the steps.
     */
    static double weightedCrossEntropy(MultiLayerNetwork net, DataSet batch, double[] w) {
        INDArray p = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
        INDArray y = batch.getLabels();
        long n = y.size(0);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            long steps = y.rank() == 3 ? y.size(2) : 1;
            for (int t = 0; t < steps; t++) {
                if (y.rank() == 3 && batch.getLabelsMaskArray().getDouble(i, t) == 0) {
                    continue;
                }
                for (int c = 0; c < w.length; c++) {
                    double label = y.rank() == 3 ? y.getDouble(i, c, t) : y.getDouble(i, c);
                    double prob = y.rank() == 3 ? p.getDouble(i, c, t) : p.getDouble(i, c);
                    sum -= label * w[c] * Math.log(prob);
                }
            }
        }
        return sum / n;
    }

    static LossMCXENT lossOf(MultiLayerNetwork net) {
        var confs = net.getLayerWiseConfigurations().getConfs();
        return (LossMCXENT) ((BaseOutputLayer) confs.get(confs.size() - 1).getLayer()).getLossFn();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OutputType.class, names = {"CLASSIFICATION", "TAGGING"})
    void scoreIsTheWeightedCrossEntropy(OutputType head) throws Exception {
        DataSet batch = randomBatch(head, new Random(3));
        MultiLayerNetwork weighted = network(config(head, "[1, 4, 0.5]"), DataShape.unknown());
        MultiLayerNetwork plain = network(config(head, null), DataShape.unknown());
        assertEquals(plain.params(), weighted.params(), "same seed, same weights: only the loss differs");

        assertEquals(weightedCrossEntropy(weighted, batch, WEIGHTS), weighted.score(batch), 1e-9);
        assertEquals(weightedCrossEntropy(plain, batch, new double[] {1, 1, 1}), plain.score(batch), 1e-9);
        assertNotEquals(plain.score(batch), weighted.score(batch), 1e-3);
    }

    @Test
    void autoAndMappingWeightsComeFromTheDataCounts() throws Exception {
        ClassCounts counts = new ClassCounts(List.of("O", "B-PER", "I-PER"), List.of(6L, 2L, 0L));
        DataShape data = new DataShape(null, null, null, null, counts);
        // balanced: 8 labels over the 2 classes seen → 8 / (2 * count); I-PER never seen keeps 1.
        assertArrayEquals(new double[] {8.0 / 12, 2, 1}, LossWeights.resolve(config(OutputType.TAGGING, "auto"), data), 1e-12);
        assertArrayEquals(new double[] {1, 3, 1}, LossWeights.resolve(config(OutputType.TAGGING, "{B-PER: 3}"), data), 1e-12);
        assertEquals("class weights (auto): O 0.667, B-PER 2, I-PER 1",
                LossWeights.describe(config(OutputType.TAGGING, "auto"), data).orElseThrow());
        assertNull(LossWeights.resolve(config(OutputType.TAGGING, null), data));

        INDArray inLoss = lossOf(network(config(OutputType.TAGGING, "auto"), data)).getWeights();
        assertArrayEquals(new double[] {8.0 / 12, 2, 1}, inLoss.toDoubleVector(), 1e-12);
    }

    @Test
    void weightsThatDoNotFitTheDataAreExplained() throws Exception {
        ClassCounts counts = new ClassCounts(List.of("O", "B-PER", "I-PER"), List.of(6L, 2L, 1L));
        DataShape data = new DataShape(null, null, null, null, counts);
        ModelBuildException unknown = assertThrows(ModelBuildException.class,
                () -> LossWeights.resolve(config(OutputType.TAGGING, "{B-PRE: 3}"), data));
        assertEquals("output.class_weights: names label 'B-PRE', which the training data does not have (did you mean 'B-PER'?); "
                + "its labels are O, B-PER, I-PER", unknown.getMessage());

        RnnkitConfig fromData = parse(yaml(CellType.GRU, false, OutputType.TAGGING, null)
                .replace("num_classes: " + CLASSES, "class_weights: [1, 2]"));
        ModelBuildException length = assertThrows(ModelBuildException.class,
                () -> NetworkBuilder.build(fromData, new DataShape(NetworkBuilderTest.VOCAB, null, 3, null, counts)));
        assertEquals("output.class_weights: has 2 weights but the data has 3 classes (O, B-PER, I-PER); "
                + "give one weight per class, in label order", length.getMessage());

        ModelBuildException noData = assertThrows(ModelBuildException.class,
                () -> NetworkBuilder.build(config(OutputType.CLASSIFICATION, "auto"), DataShape.unknown()));
        assertEquals("output.class_weights: 'auto' refers to the training labels, so the model can only be built after reading "
                + "the data; use a list with one weight per class to build it without data", noData.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OutputType.class, names = {"CLASSIFICATION", "TAGGING"})
    void weightsAreSavedWithTheModel(OutputType head) throws Exception {
        DataSet batch = randomBatch(head, new Random(5));
        MultiLayerNetwork net = network(config(head, "[1, 4, 0.5]"), DataShape.unknown());
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertArrayEquals(WEIGHTS, lossOf(loaded).getWeights().toDoubleVector(), 1e-12);
        assertEquals(net.score(batch), loaded.score(batch), 1e-12);
        assertEquals(weightedCrossEntropy(loaded, batch, WEIGHTS), loaded.score(batch), 1e-9);
    }
}
