package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.model.Network;
import dev.rnnkit.model.NetworkBuilder;
import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Short minibatches filled up for DL4J's Spark workers lose nothing and gain nothing in the loss. */
class FullBatchesTest {

    @TempDir
    Path dir;

    private void sameLossSum(String yaml, Path data, String... overrides) {
        RnnkitConfig config = TrainFixtures.config(yaml, overrides);
        PreparedData prepared = DataPipelines.prepare(config, data);
        Network network = NetworkBuilder.build(config, prepared.shape());
        MultiDataSet batch = prepared.train().next();
        int real = (int) batch.getFeatures(0).size(0);
        int size = real + 3;
        MultiDataSet full = FullBatches.pad(batch, size);
        assertEquals(size, full.getFeatures(0).size(0));
        assertEquals(size, full.getLabels(0).size(0));
        assertEquals(batch.getFeatures(0), full.getFeatures(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, real)));
        // DL4J divides a minibatch's loss by its example count: the padded rows add nothing to the sum.
        assertEquals(network.score(batch) * real, network.score(full) * size, 1e-4 * real);
        assertSame(full, FullBatches.pad(full, size));
    }

    @Test
    void classificationWithVariableLengthSentences() {
        sameLossSum(TrainFixtures.CLASSIFICATION, TrainFixtures.classificationData(dir.resolve("c")), "training.batch_size=5");
    }

    @Test
    void taggingWithLabelMasks() {
        sameLossSum(TrainFixtures.TAGGING, TrainFixtures.taggingData(dir.resolve("t")));
    }

    @Test
    void forecastingWindows() {
        sameLossSum(TrainFixtures.FORECAST, TrainFixtures.forecastData(dir.resolve("f")));
    }
}
