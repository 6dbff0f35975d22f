package dev.rnnkit.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.model.Network;
import dev.rnnkit.model.NetworkBuilder;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.train.EpochSummary;
import dev.rnnkit.train.MetricsLog;
import dev.rnnkit.train.ProgressListener;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.StopRequest;
import dev.rnnkit.train.TrainFixtures;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The parallel engine (ParallelWrapper, 2 workers) trains into the same run directory as the local engine. */
class ParallelEngineTest {

    @TempDir
    Path dir;

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            Set<String> names = new TreeSet<>();
            // Checkpoint file names carry the epoch; their count and kind are what must match.
            s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replaceAll("epoch-\\d+", "epoch-N")).forEach(names::add);
            return names;
        }
    }

    @Test
    void trainsAClassifierAndWritesWhatTheLocalEngineWrites() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        RnnkitConfig local = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.epochs=4");
        RnnkitConfig parallel = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.epochs=4", "training.engine=parallel",
                "training.parallel.workers=2");
        List<Integer> batchesSeen = new ArrayList<>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void batchFinished(int epoch, int batch, int examples, double loss) {
                batchesSeen.add(batch);
            }
        };
        RunDirectory localRun = RunDirectory.create(dir.resolve("local"));
        new Trainer(ProgressListener.NONE, new StopRequest()).train(local, data, localRun);
        RunDirectory parallelRun = RunDirectory.create(dir.resolve("parallel"));
        TrainingResult result = new Trainer(progress, new StopRequest()).train(parallel, data, parallelRun);

        assertEquals(files(localRun.root()), files(parallelRun.root()));
        // 24 training sentences in minibatches of 4: every one reported, in order, once per epoch.
        assertEquals(4 * 6, batchesSeen.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), batchesSeen.subList(0, 6));
        List<JsonNode> epochs = new MetricsLog(parallelRun.metrics()).lines().stream()
                .filter(l -> l.path("type").asText().equals("epoch")).toList();
        assertEquals(4, epochs.size());
        assertEquals(24, epochs.get(0).path("examples").asInt());
        assertTrue(epochs.get(3).path("train_loss").asDouble() < epochs.get(0).path("train_loss").asDouble(), epochs.toString());
        // The task is learnable: the averaged model separates "good" from "bad" sentences.
        assertTrue(result.evaluation().metrics().get("accuracy") >= 0.75, result.evaluation().metrics().toString());
        JsonNode engine = new ObjectMapper().readTree(parallelRun.provenance().toFile()).path("engine");
        assertEquals("parallel", engine.path("type").asText());
        assertEquals(2, engine.path("workers").asInt());
        assertEquals("local", new ObjectMapper().readTree(localRun.provenance().toFile()).path("engine").path("type").asText());
    }

    @Test
    void theTrainersNetworkHoldsTheAveragedParametersAfterAnEpoch() {
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.engine=parallel", "training.parallel.workers=2");
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        var prepared = dev.rnnkit.data.DataPipelines.prepare(config, data);
        Network network = NetworkBuilder.build(config, prepared.shape());
        INDArray before = network.params().dup();
        INDArray updaterBefore = network.stack().getUpdater().getStateViewArray().dup();
        List<Double> losses = new ArrayList<>();
        boolean complete = new ParallelEngine(config.training().parallelSettings()).fitEpoch(network, prepared.train(), 0,
                new TrainingEngine.BatchListener() {
                    @Override
                    public void beforeBatch(int batch) {
                    }

                    @Override
                    public boolean afterBatch(int batch, int examples, double loss) {
                        losses.add(loss);
                        return true;
                    }
                });
        assertTrue(complete);
        assertEquals(6, losses.size());
        assertNotEquals(before, network.params());
        assertNotEquals(updaterBefore, network.stack().getUpdater().getStateViewArray(), "Adam's moments come back averaged");
    }

    @Test
    void aStopEndsTheEpochEarlyAndTheRunResumesFromItsCheckpoint() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        // Minibatches of one: 24 per epoch, many more than the workers read ahead.
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.engine=parallel", "training.parallel.workers=2",
                "training.parallel.prefetch=1", "training.batch_size=1");
        StopRequest stop = new StopRequest();
        ProgressListener stopAtSecondBatch = new ProgressListener() {
            @Override
            public void batchFinished(int epoch, int batch, int examples, double loss) {
                if (epoch == 1 && batch == 2) {
                    stop.request();
                }
            }
        };
        RunDirectory run = RunDirectory.create(dir.resolve("stopped"));
        TrainingResult first = new Trainer(stopAtSecondBatch, stop).train(config, data, run);
        assertTrue(first.interrupted());
        assertTrue(first.state().batch() < 24, "the feed ended before the epoch's 24 minibatches: " + first.state().batch());
        TrainingResult second = new Trainer(ProgressListener.NONE, new StopRequest()).resume(RunDirectory.existing(run.root()), data, config);
        assertFalse(second.interrupted());
        assertEquals(2, second.state().epoch());
        assertTrue(Files.exists(run.bestModel()));
        assertEquals(ModelFile.read(run.lastModel()).network().numParams(), ModelFile.read(run.bestModel()).network().numParams());
    }

    @Test
    void aRunStartedLocallyGoesOnWithTheParallelEngine() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        RunDirectory run = RunDirectory.create(dir.resolve("switch"));
        new Trainer(ProgressListener.NONE, new StopRequest()).train(TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.epochs=1"), data, run);
        RnnkitConfig more = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.epochs=3", "training.engine=parallel",
                "training.parallel.workers=2");
        TrainingResult resumed = new Trainer(ProgressListener.NONE, new StopRequest()).resume(RunDirectory.existing(run.root()), data, more);
        assertEquals(3, resumed.state().epoch());
        assertEquals("parallel", new ObjectMapper().readTree(run.provenance().toFile()).path("engine").path("type").asText());
    }

    @Test
    void aComputationGraphTrainsWithTheParallelEngine() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        // Characters make the network a ComputationGraph, which ParallelWrapper fits from MultiDataSets.
        RnnkitConfig graph = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.epochs=3", "training.engine=parallel",
                "training.parallel.workers=2", "input.char_encoder={type: cnn, output_size: 6, embedding_size: 4}");
        RunDirectory run = RunDirectory.create(dir.resolve("graph"));
        TrainingResult result = new Trainer(ProgressListener.NONE, new StopRequest()).train(graph, data, run);
        assertEquals(3, result.state().epoch());
        assertTrue(ModelFile.read(run.bestModel()).network().isGraph());
        List<JsonNode> epochs = new MetricsLog(run.metrics()).lines().stream()
                .filter(l -> l.path("type").asText().equals("epoch")).toList();
        assertEquals(List.of(24, 24, 24), epochs.stream().map(e -> e.path("examples").asInt()).toList());
    }
}
