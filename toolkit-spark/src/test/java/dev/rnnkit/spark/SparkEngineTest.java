package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.modelfile.ModelFile;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark engine through rnnkit's trainer: a classifier trained in {@code local[2]} and in
 * {@code local-cluster[2,1,1024]} (two executor JVMs, the network path) writes the run directory the local engine
 * writes, learns the task, records where it ran, and resumes from its checkpoint.
 */
class SparkEngineTest {

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void sparkHome() {
        LocalClusterHome.prepare(); // local-cluster executors start from SPARK_HOME (surefire sets it to target/spark-home)
    }

    /** toolkit-core's classifier fixture: 24 training sentences, minibatches of 4; 6 epochs, no early stop. */
    private static RnnkitConfig config(String... overrides) {
        List<String> all = new java.util.ArrayList<>(List.of("training.epochs=6", "training.early_stopping.enabled=false"));
        all.addAll(List.of(overrides));
        return TrainFixtures.config(TrainFixtures.CLASSIFICATION, all.toArray(String[]::new));
    }

    private Path data() {
        return TrainFixtures.classificationData(dir.resolve("data"));
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            Set<String> names = new TreeSet<>();
            s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replaceAll("epoch-\\d+", "epoch-N")).forEach(names::add);
            return names;
        }
    }

    private TrainingResult train(RnnkitConfig config, String name, Path data) throws IOException {
        return new Trainer(ProgressListener.NONE, new StopRequest()).train(config, data, RunDirectory.create(dir.resolve(name)));
    }

    private void trainsLikeTheLocalEngine(String master) throws Exception {
        Path data = data();
        TrainingResult local = train(config(), "local", data);
        TrainingResult spark = train(config("training.engine=spark", "training.spark.master=" + master, "training.batch_size=5",
                "training.spark.averaging_frequency=2"), "spark", data);

        assertEquals(files(local.run().root()), files(spark.run().root()), "same run directory, no minibatch files left");
        List<JsonNode> epochs = new MetricsLog(spark.run().metrics()).lines().stream()
                .filter(l -> l.path("type").asText().equals("epoch")).toList();
        assertEquals(6, epochs.size());
        assertEquals(24, epochs.get(0).path("examples").asInt());
        assertTrue(spark.evaluation().metrics().get("accuracy") >= 0.75, spark.evaluation().metrics().toString());
        JsonNode engine = new ObjectMapper().readTree(spark.run().provenance().toFile()).path("engine");
        assertEquals("spark", engine.path("type").asText());
        assertEquals(master, engine.path("master").asText());
        assertEquals(2, engine.path("workers").asInt());
        // The model on disk is the driver's network, which DL4J updated in place: it loads and scores like a local one.
        assertEquals(ModelFile.read(local.run().bestModel()).network().numParams(),
                ModelFile.read(spark.run().bestModel()).network().numParams());
    }

    @Test
    void trainsInLocalModeLikeTheLocalEngine() throws Exception {
        trainsLikeTheLocalEngine("local[2]");
    }

    @Test
    void gradientSharingTrainsThroughTheTrainer() throws Exception {
        Path data = data();
        TrainingResult shared = train(config("training.engine=spark", "training.spark.master=local[2]",
                "training.spark.training_master=shared", "training.epochs=2"), "shared", data);
        assertFalse(shared.interrupted());
        List<JsonNode> epochs = new MetricsLog(shared.run().metrics()).lines().stream()
                .filter(l -> l.path("type").asText().equals("epoch")).toList();
        assertEquals(2, epochs.size());
        assertTrue(epochs.get(0).path("train_loss").asDouble() > 0, epochs.get(0).toString());
        assertEquals("shared", new ObjectMapper().readTree(shared.run().provenance().toFile()).path("engine").path("training_master").asText());
    }

    @Test
    void trainsInLocalClusterModeWithTwoExecutorJvms() throws Exception {
        trainsLikeTheLocalEngine("local-cluster[2,1,1024]");
    }

    @Test
    void anExecutorKilledDuringTrainingIsReplacedAndTheRunCompletes() throws Exception {
        Path data = data();
        // Minibatches of one: 24 per epoch, two Spark jobs of 16 and 8, so the kill lands while executors work.
        RnnkitConfig config = config("training.engine=spark", "training.spark.master=local-cluster[2,1,1024]",
                "training.spark.averaging_frequency=2", "training.batch_size=1", "training.epochs=3");
        List<Long> killed = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener killer = new ProgressListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches, int skipped) {
                if (epoch == 2) {
                    Thread t = new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            return;
                        }
                        LocalClusterHome.executorProcesses().stream().findFirst().ifPresent(p -> {
                            killed.add(p.pid());
                            p.destroyForcibly(); // SIGKILL: no goodbye to the driver
                        });
                    });
                    t.setDaemon(true);
                    t.start();
                }
            }
        };
        TrainingResult result = new Trainer(killer, new StopRequest()).train(config, data, RunDirectory.create(dir.resolve("killed")));
        assertEquals(1, killed.size(), "an executor JVM was killed");
        assertFalse(ProcessHandle.of(killed.get(0)).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(result.interrupted());
        assertEquals(3, result.state().epoch(), "Spark re-ran the lost tasks and training went on");
        List<JsonNode> epochs = new MetricsLog(result.run().metrics()).lines().stream()
                .filter(l -> l.path("type").asText().equals("epoch")).toList();
        assertEquals(List.of(24, 24, 24), epochs.stream().map(e -> e.path("examples").asInt()).toList());
        assertTrue(result.evaluation().metrics().get("accuracy") >= 0.75, result.evaluation().metrics().toString());
    }

    @Test
    void aComputationGraphTrainsAndResumesFromAnEpochCheckpoint() throws Exception {
        Path data = data();
        // Characters make the network a ComputationGraph.
        RnnkitConfig graph = config("training.engine=spark", "training.spark.master=local[2]", "training.epochs=2",
                "input.char_encoder={type: cnn, output_size: 6, embedding_size: 4}");
        StopRequest stop = new StopRequest();
        RunDirectory run = RunDirectory.create(dir.resolve("graph"));
        TrainingResult first = new Trainer(new ProgressListener() {
            @Override
            public void epochFinished(dev.rnnkit.train.EpochSummary summary) {
                stop.request();
            }
        }, stop).train(graph, data, run);
        assertTrue(first.interrupted());
        assertEquals(1, first.state().epoch());
        TrainingResult resumed = new Trainer(ProgressListener.NONE, new StopRequest()).resume(RunDirectory.existing(run.root()), data, graph);
        assertFalse(resumed.interrupted());
        assertEquals(2, resumed.state().epoch());
        assertTrue(ModelFile.read(run.lastModel()).network().isGraph());
    }
}
