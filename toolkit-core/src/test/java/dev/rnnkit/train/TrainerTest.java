package dev.rnnkit.train;

import dev.rnnkit.train.engine.LocalEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {

    @TempDir
    Path dir;

    private static Trainer trainer(StopRequest stop, ProgressListener listener) {
        return new Trainer(new LocalEngine(), listener, stop, Clock.systemUTC());
    }

    private TrainingResult train(String yaml, Path data, String runName, String... overrides) throws IOException {
        RnnkitConfig config = TrainFixtures.config(yaml, overrides);
        return trainer(new StopRequest(), ProgressListener.NONE).train(config, data, RunDirectory.create(dir.resolve(runName)));
    }

    @Test
    void classificationRunWritesTheRunDirectoryAndEvaluatesOnTest() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        TrainingResult result = train(TrainFixtures.CLASSIFICATION, data, "run");
        RunDirectory run = result.run();

        for (Path p : List.of(run.config(), run.provenance(), run.metrics(), run.preprocessing(), run.bestModel(), run.lastModel(),
                run.evaluation().resolve("metrics.json"), run.evaluation().resolve("metrics.txt"),
                run.evaluation().resolve("confusion-matrix.png"), run.evaluation().resolve("learning-curve.png"))) {
            assertTrue(Files.isRegularFile(p), p + " exists");
        }
        assertEquals(List.of("checkpoint-0001-000000.zip", "checkpoint-0002-000000.zip"),
                new Checkpoints(run.checkpoints(), 3).list().stream().map(p -> p.getFileName().toString()).toList());
        List<JsonNode> lines = new MetricsLog(run.metrics()).lines();
        assertEquals(List.of("epoch", "evaluation", "epoch", "evaluation", "evaluation", "summary"),
                lines.stream().map(l -> l.path("type").asText()).toList());
        JsonNode summary = lines.get(5);
        assertEquals(2, summary.path("epoch").asInt());
        assertEquals(result.state().bestEpoch(), summary.path("best_epoch").asInt());
        assertEquals("test", summary.path("evaluated_on").asText());
        assertTrue(summary.path("training_seconds").asDouble() > 0);
        assertEquals(6, lines.get(0).path("iterations").asInt()); // 24 examples / batch 4
        assertEquals(12, lines.get(2).path("iterations").asInt());
        assertEquals("test", lines.get(4).path("split").asText());
        assertTrue(lines.get(1).has("accuracy") && lines.get(1).has("f1") && lines.get(1).has("loss"));
        assertEquals("classification", result.evaluation().task());
        assertEquals("test", result.evaluatedOn());
        assertTrue(Files.readString(run.evaluation().resolve("metrics.txt")).contains("accuracy"));

        JsonNode provenance = dev.rnnkit.eval.EvalJson.mapper().readTree(run.provenance().toFile());
        assertEquals(7, provenance.path("seed").asLong());
        assertEquals(List.of("dev.tsv", "test.tsv", "train.tsv"), iterate(provenance.path("data_files").fieldNames()));
        assertEquals(ProvenanceCollector.sha256(data.resolve("train.tsv")), provenance.path("data_files").path("train.tsv").asText());
        assertEquals("1.0.0-M2.1", provenance.path("dl4j_version").asText());
        assertTrue(provenance.path("end_time").isTextual());
        assertTrue(Files.readString(run.config()).contains("state_size: 8"));
    }

    @Test
    void modelZipLoadsWithPlainModelSerializerAndGivesTheSameOutputs() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.CLASSIFICATION, data, "run", "training.epochs=1").run();

        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(run.lastModel().toFile(), true);
        SavedModel saved = ModelFile.read(run.lastModel());
        org.nd4j.linalg.dataset.api.MultiDataSet batch = saved.metadata().preprocessing().textClassification().encode(List.of("good movie", "awful acting here"));
        INDArray a = plain.output(batch.getFeatures(0), false, batch.getFeaturesMaskArray(0), null);
        INDArray b = saved.network().output(batch.getFeatures(), batch.getFeaturesMaskArrays(), null);
        assertArrayEquals(new long[]{2, 2}, a.shape());
        assertEquals(a, b);
        assertEquals(saved.network().params(), plain.params());
        assertNotNull(plain.getUpdater().getStateViewArray(), "the updater state is saved");
    }

    @Test
    void pretrainedVectorsInitialiseTheEmbeddingBeforeTraining() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        // GloVe text format: "good" gets a distinctive vector; every other word is absent.
        Files.writeString(data.resolve("vectors.txt"), "good 0.5 -0.5 0.25 1.0\nzzz 1 1 1 1\n");
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.CLASSIFICATION,
                "data.pretrained_embeddings={path: vectors.txt}", "training.epochs=1",
                "training.optimizer.learning_rate=0.000001");
        List<String> messages = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        TrainingResult result = trainer(new StopRequest(), listener).train(config, data, RunDirectory.create(dir.resolve("run")));
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                result.run().lastModel().toFile());
        int good = dev.rnnkit.data.Preprocessing.load(result.run().preprocessing()).wordVocabulary().orElseThrow().id("good");
        org.nd4j.linalg.api.ndarray.INDArray row = net.getLayer(0).getParam("W").getRow(good);
        // One epoch at a learning rate of 1e-6 leaves the copied vector in place to within 1e-4.
        assertTrue(row.equalsWithEps(org.nd4j.linalg.factory.Nd4j.createFromArray(0.5f, -0.5f, 0.25f, 1.0f), 1e-4), row.toString());
        assertTrue(messages.stream().anyMatch(m -> m.matches("pretrained embeddings: 1 of \\d+ vocabulary entries found")), messages.toString());
    }

    @Test
    void aRunThatFailsOnItsDataLeavesNoRunDirectory() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        Files.writeString(data.resolve("train.tsv"), "sentence\tlabel\ngood film\tpos\nbad film\n");
        Path runDir = dir.resolve("failed");
        dev.rnnkit.data.DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(dev.rnnkit.data.DataFormatException.class,
                () -> train(TrainFixtures.CLASSIFICATION, data, "failed"));
        assertEquals("train.tsv:3: expected 2 columns, got 1", e.getMessage());
        assertTrue(Files.notExists(runDir), "the same --run-dir can be used again");
    }

    @Test
    void maxBatchesCutsEveryEpochShort() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        TrainingResult result = train(TrainFixtures.CLASSIFICATION, data, "smoke", "training.max_batches=2");
        List<JsonNode> lines = new MetricsLog(result.run().metrics()).lines();
        assertEquals(2, lines.get(0).path("iterations").asInt()); // 2 of the 6 minibatches
        assertEquals(4, lines.get(2).path("iterations").asInt());
    }

    @Test
    @Tag("cpu-exact") // two runs' parameters must be equal: true on the CPU backend with one thread; GPU kernels are not deterministic
    void sameConfigAndSeedGiveIdenticalParameters() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        INDArray first = ModelFile.read(train(TrainFixtures.CLASSIFICATION, data, "a").run().lastModel()).network().params();
        INDArray second = ModelFile.read(train(TrainFixtures.CLASSIFICATION, data, "b").run().lastModel()).network().params();
        assertEquals(first, second);
        INDArray otherSeed = ModelFile.read(train(TrainFixtures.CLASSIFICATION, data, "c", "seed=8").run().lastModel()).network().params();
        assertFalse(first.equals(otherSeed));
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
