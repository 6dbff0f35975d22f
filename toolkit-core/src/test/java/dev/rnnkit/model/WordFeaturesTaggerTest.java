package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.model.layers.EmbeddingWithFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A tagger with casing features, from CoNLL text to a trained network. */
class WordFeaturesTaggerTest {

    static final int EMBED = 4;
    static final int HIDDEN = 3;
    static final int CASING = 8;

    @TempDir
    Path dir;

    RnnkitConfig config() throws Exception {
        return ConfigLoader.parse("""
                seed: 7
                input: {type: embedding, embedding_size: 4, word_features: [casing]}
                encoder: [{cell_type: lstm, state_size: 3, bidirectional: true}]
                output: {type: tagging}
                training: {batch_size: 4, optimizer: {type: adam, learning_rate: 0.05}}
                data: {train: train.txt, prefetch: 0, shuffle: false, tokenizer: {lowercase: true}}
                """, "test.yaml", List.of());
    }

    PreparedData data() throws Exception {
        Files.writeString(dir.resolve("train.txt"), """
                Peter B-PER
                visited O
                Paris B-LOC
                in O
                1996 O

                the O
                EU B-ORG
                said O
                ; O

                Anna B-PER
                left O
                """);
        return DataPipelines.prepare(config(), dir);
    }

    @Test
    void builtFromDataItHasTheClosedFormParameterCountAndTrains() throws Exception {
        PreparedData data = data();
        DataShape shape = data.shape();
        MultiLayerNetwork net = NetworkBuilder.build(config(), shape).stack();

        long vocab = shape.vocabSize();
        long classes = shape.numClasses();
        long in = EMBED + CASING;
        long lstm = 4L * HIDDEN * (in + HIDDEN) + 4L * HIDDEN;
        assertEquals(vocab * EMBED + 2 * lstm + 2L * HIDDEN * classes + classes, net.numParams());
        assertEquals(CASING, ((EmbeddingWithFeatures) net.getLayerWiseConfigurations().getConf(0).getLayer()).getExtraFeatures());

        ModelSummary summary = ModelSummary.of(config(), shape, Network.of(net), 5);
        ModelSummary.LayerRow embedding = summary.rows().get(0);
        assertEquals("EmbeddingWithFeatures(4 + 8 features)", embedding.type());
        assertEquals("9 x T", embedding.input());
        assertEquals("12 x T", embedding.output());
        assertEquals(vocab * EMBED, embedding.count());

        org.nd4j.linalg.dataset.api.MultiDataSet batch = data.train().next();
        net.fit(batch);
        double first = net.score();
        for (int i = 0; i < 20; i++) {
            net.fit(batch);
        }
        assertTrue(net.score() < first, "loss went from " + first + " to " + net.score());
        INDArray out = net.output(batch.getFeatures(0), false, batch.getFeaturesMaskArray(0), batch.getLabelsMaskArray(0));
        assertEquals(List.of(batch.getLabels(0).shape()[0], classes, batch.getLabels(0).shape()[2]), List.of(out.shape()[0], out.shape()[1], out.shape()[2]));
    }

    @Test
    void pretrainedVectorsInitialiseTheEmbeddingMatrix() throws Exception {
        DataShape shape = data().shape();
        MultiLayerNetwork net = NetworkBuilder.build(config(), shape).stack();
        INDArray vectors = Nd4j.rand(shape.vocabSize(), EMBED);
        NetworkBuilder.initialiseEmbedding(Network.of(net), vectors);
        assertTrue(vectors.castTo(net.getLayer(0).getParam("W").dataType()).equalsWithEps(net.getLayer(0).getParam("W"), 1e-6));
        ModelBuildException e = org.junit.jupiter.api.Assertions.assertThrows(ModelBuildException.class,
                () -> NetworkBuilder.initialiseEmbedding(Network.of(net), Nd4j.rand(shape.vocabSize(), 5)));
        assertEquals("data.pretrained_embeddings: the vectors give a " + shape.vocabSize() + " x 5 matrix but the embedding is "
                + shape.vocabSize() + " x 4 (vocabulary x input.embedding_size); set input.embedding_size to 5", e.getMessage());
    }
}
