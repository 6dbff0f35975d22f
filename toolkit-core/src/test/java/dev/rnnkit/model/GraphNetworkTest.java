package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.CellType;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.train.ProgressListener;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.StopRequest;
import dev.rnnkit.train.TrainFixtures;
import dev.rnnkit.train.Trainer;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The ComputationGraph path: a config built as a graph computes exactly what its stack computes, and graphs with a
 * character encoder train, save and reload like stacks.
 */
class GraphNetworkTest {

    @TempDir
    Path dir;

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return NetworkBuilderTest.cases();
    }

    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @MethodSource("cases")
    void graphAndStackGiveTheSameOutputsAndStepsOnTheSameWeights(CellType cell, boolean bi, OutputType head) throws Exception {
        assertSameAsStack(NetworkBuilderTest.parse(NetworkBuilderTest.yaml(cell, bi, head, null)), head);
    }

    @ParameterizedTest(name = "reduce_output {0}")
    @ValueSource(strings = {"attention", "mean", "max"})
    void pooledHeadsMatchToo(String reduce) throws Exception {
        assertSameAsStack(NetworkBuilderTest.parse(NetworkBuilderTest.yaml(CellType.LSTM, true, OutputType.CLASSIFICATION, reduce)),
                OutputType.CLASSIFICATION);
    }

    @Test
    void crfHeadMatchesToo() throws Exception {
        String yaml = NetworkBuilderTest.yaml(CellType.GRU, true, OutputType.TAGGING, null)
                .replace("fc_layers: [{output_size: 5, activation: tanh}]\n", "")
                .replace("type: tagging", "type: tagging, crf: true");
        assertSameAsStack(NetworkBuilderTest.parse(yaml), OutputType.TAGGING);
    }

    private static void assertSameAsStack(RnnkitConfig config, OutputType head) {
        Network stack = NetworkBuilder.buildStack(config, DataShape.unknown());
        Network graph = NetworkBuilder.buildGraph(config, DataShape.unknown());
        assertFalse(stack.isGraph());
        assertTrue(graph.isGraph());
        assertEquals(stack.numParams(), graph.numParams());
        graph.params().assign(stack.params());

        DataSet ds = NetworkBuilderTest.randomBatch(head, new Random(11));
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(ds.getFeatures(), ds.getLabels(), ds.getFeaturesMaskArray(),
                ds.getLabelsMaskArray());
        INDArray expected = stack.output(batch);
        INDArray actual = graph.output(batch);
        assertEquals(0, expected.sub(actual).norm1Number().doubleValue(), 1e-5, "outputs differ");
        assertEquals(stack.score(batch), graph.score(batch), 1e-5);

        // One optimisation step from the same weights lands on the same weights.
        stack.fit(batch);
        graph.fit(batch);
        assertEquals(0, stack.params().sub(graph.params()).norm1Number().doubleValue(), 1e-4, "parameters after one step differ");
    }

    private RnnkitConfig charTagger(String encoder) {
        return TrainFixtures.config(TrainFixtures.TAGGING,
                "input.char_encoder={type: " + encoder + ", embedding_size: 3, output_size: 6, max_word_length: 4}", "output.crf=true");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cnn", "bilstm"})
    void charactersAreASecondInputMergedWithTheEmbedding(String encoder) throws Exception {
        RnnkitConfig config = charTagger(encoder);
        PreparedData data = DataPipelines.prepare(config, TrainFixtures.taggingData(dir.resolve("data")));
        MultiDataSet batch = data.train().next();
        assertEquals(2, batch.numFeatureArrays());
        INDArray chars = batch.getFeatures(1);
        assertEquals(batch.getFeatures(0).size(0), chars.size(0));
        assertEquals(4, chars.size(1));                                    // max_word_length
        assertEquals(batch.getFeatures(0).size(2), chars.size(2));         // one column per token
        assertEquals(batch.getFeaturesMaskArray(0), batch.getFeaturesMaskArray(1));

        Network network = NetworkBuilder.build(config, data.shape());
        assertTrue(network.isGraph());
        ModelSummary summary = ModelSummary.of(config, data.shape(), network, 5);
        String table = summary.toTable();
        assertTrue(table.contains("chars"), table);
        assertTrue(table.contains("embedding (4 x T) + char_encoder (6 x T)"), table);
        assertTrue(table.contains("CrfOutput"), table);
        assertEquals(network.numParams(), summary.totalParameters());
        // Sum of the rows is the whole network.
        assertEquals(network.numParams(), summary.rows().stream().mapToLong(ModelSummary.LayerRow::count).sum());
    }

    @Test
    void wordFeaturesAreTheirOwnInputInAGraph() throws Exception {
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.TAGGING, "input.word_features=[casing]",
                "input.char_encoder={type: cnn, embedding_size: 3, output_size: 6, max_word_length: 4}");
        PreparedData data = DataPipelines.prepare(config, TrainFixtures.taggingData(dir.resolve("data")));
        MultiDataSet batch = data.train().next();
        assertEquals(java.util.List.of("tokens", "word_shapes", "chars"), NetworkBuilder.inputNames(config));
        assertEquals(3, batch.numFeatureArrays());
        assertEquals(1, batch.getFeatures(0).size(1));                     // ids alone
        assertEquals(8, batch.getFeatures(1).size(1));                     // the eight casing classes, one-hot
        // One casing class per real token, none at padding.
        assertEquals(batch.getFeaturesMaskArray(0).sumNumber().doubleValue(), batch.getFeatures(1).sumNumber().doubleValue(), 1e-9);

        Network network = NetworkBuilder.build(config, data.shape());
        String table = ModelSummary.of(config, data.shape(), network, 5).toTable();
        assertTrue(table.contains("embedding (4 x T) + word_shapes (8 x T) + char_encoder (6 x T)"), table);
        // Ids arrive alone; the features are merged after the embedding, not carried through it.
        assertEquals(0, ((dev.rnnkit.model.layers.EmbeddingWithFeatures) network.graph().getLayer("embedding").conf().getLayer())
                .getExtraFeatures());
        network.fit(batch);
        assertTrue(Double.isFinite(network.score()));
    }

    @Test
    void aTrainedGraphReloadsThroughPlainModelSerializer() throws Exception {
        RnnkitConfig config = charTagger("cnn");
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        new Trainer(ProgressListener.NONE, new StopRequest()).train(config, TrainFixtures.taggingData(dir.resolve("data")), run);
        Network saved = ModelFile.read(run.model()).network();
        assertTrue(saved.isGraph());
        ComputationGraph plain = ModelSerializer.restoreComputationGraph(run.model().toFile(), false);

        PreparedData data = DataPipelines.prepare(config, dir.resolve("data"));
        MultiDataSet batch = data.validation().next();
        INDArray expected = saved.output(batch);
        INDArray actual = plain.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays())[0];
        assertEquals(expected, actual);
        assertEquals(saved.params(), plain.params());
    }
}
