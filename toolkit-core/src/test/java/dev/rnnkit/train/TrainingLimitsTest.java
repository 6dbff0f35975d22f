package dev.rnnkit.train;

import dev.rnnkit.train.engine.LocalEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.modelfile.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When training ends: early stopping by default, the plateau schedule, the time budget, and several seeds. */
class TrainingLimitsTest {

    @TempDir
    Path dir;

    /** The classification fixture with no epoch count: the defaults decide when training ends. */
    private static final String NO_EPOCHS = TrainFixtures.CLASSIFICATION.replace("epochs: 2, ", "");

    private static final String PLATEAU = "training.optimizer.schedule={type: plateau, patience: 1, decay_rate: 0.5}";

    private TrainingResult train(String name, ProgressListener progress, String... overrides) throws IOException {
        RnnkitConfig config = TrainFixtures.config(NO_EPOCHS, overrides);
        return new Trainer(progress, new StopRequest()).train(config, data(), RunDirectory.create(dir.resolve(name)));
    }

    private Path data() {
        Path data = dir.resolve("data");
        return Files.isDirectory(data) ? data : TrainFixtures.classificationData(data);
    }

    private static List<JsonNode> epochLines(RunDirectory run) {
        return new MetricsLog(run.metrics()).lines().stream().filter(l -> l.path("type").asText().equals("epoch")).toList();
    }

    private static List<Double> rates(RunDirectory run) {
        return epochLines(run).stream().map(l -> l.path("learning_rate").asDouble()).toList();
    }

    @Test
    void earlyStoppingIsOnByDefaultAndTheBestEpochIsKept() throws IOException {
        TrainingResult result = train("run", ProgressListener.NONE, "training.checkpoints.keep_last=1000");
        RnnkitConfig resolved = TrainFixtures.config(NO_EPOCHS);
        assertEquals(100, resolved.training().epochs());
        assertEquals("val_accuracy", resolved.training().earlyStopping().metric().yamlName());

        // Dev accuracy on the fixture saturates, so training stops 4 epochs (the default patience) after the best one.
        assertTrue(result.stoppedEarly());
        TrainingState state = result.state();
        assertTrue(state.epoch() < 100);
        assertEquals(state.bestEpoch() + 4, state.epoch());
        List<Double> accuracy = new MetricsLog(result.run().metrics()).lines().stream()
                .filter(l -> l.path("split").asText().equals("validation")).map(l -> l.path("accuracy").asDouble()).toList();
        assertEquals(state.epoch(), accuracy.size());
        double best = accuracy.get(state.bestEpoch() - 1);
        for (int e = 0; e < accuracy.size(); e++) {
            assertTrue(e < state.bestEpoch() - 1 ? accuracy.get(e) < best : accuracy.get(e) <= best, "epoch " + (e + 1) + ": " + accuracy);
        }
        // model-best.zip holds the parameters of the best epoch, not the last, and it is what was scored.
        Path bestCheckpoint = result.run().checkpoints().resolve(String.format("checkpoint-%04d-000000.zip", state.bestEpoch()));
        assertEquals(ModelFile.read(bestCheckpoint).network().params(), ModelFile.read(result.run().bestModel()).network().params());
        assertFalse(ModelFile.read(result.run().lastModel()).network().params().equals(ModelFile.read(result.run().bestModel()).network().params()));
        assertNotNull(result.evaluation());
        assertEquals("test", result.evaluatedOn());
    }

    @Test
    void earlyStoppingCanBeTurnedOff() throws IOException {
        TrainingResult result = train("off", ProgressListener.NONE, "training.early_stopping.enabled=false", "training.epochs=7");
        assertFalse(result.stoppedEarly());
        assertEquals(7, result.state().epoch());
    }

    @Test
    void plateauHalvesTheRateAfterEachEpochWithoutImprovement() throws IOException {
        List<String> messages = new ArrayList<>();
        TrainingResult result = train("plateau", new ProgressListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        }, PLATEAU);
        int best = result.state().bestEpoch();
        List<Double> rates = rates(result.run());
        // The rate of epoch e is the one it trained with: halved after every epoch from the first without improvement on.
        for (int e = 1; e <= rates.size(); e++) {
            double expected = 0.05 * Math.pow(0.5, Math.max(0, e - best - 1));
            assertEquals(expected, rates.get(e - 1), 1e-9, "epoch " + e + " of " + rates);
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("plateau: no improvement for 1 epochs, learning rate 0.0500 -> 0.0250")), messages.toString());
        MultiLayerNetwork last = ModelFile.read(result.run().lastModel()).network().stack();
        assertEquals(0.05 * Math.pow(0.5, rates.size() - best), last.getLearningRate(0), 1e-9, "the network trains with the lowered rate");
    }

    @Test
    @Tag("cpu-exact") // two runs' parameters must be equal: true on the CPU backend with one thread; GPU kernels are not deterministic
    void plateauScheduleSurvivesResume() throws IOException {
        TrainingResult full = train("full", ProgressListener.NONE, PLATEAU);
        int stopAfter = full.state().bestEpoch() + 2; // the rate has been lowered twice by then
        StopRequest stop = new StopRequest();
        RnnkitConfig config = TrainFixtures.config(NO_EPOCHS, PLATEAU);
        RunDirectory run = RunDirectory.create(dir.resolve("stopped"));
        TrainingResult first = new Trainer(new ProgressListener() {
            @Override
            public void epochFinished(EpochSummary summary) {
                if (summary.epoch() == stopAfter) {
                    stop.request();
                }
            }
        }, stop).train(config, data(), run);
        assertTrue(first.interrupted());
        assertEquals(0.0125, first.state().learningRate(), 1e-12);
        TrainingResult resumed = new Trainer(ProgressListener.NONE, new StopRequest()).resume(RunDirectory.existing(run.root()), data(), config);
        assertEquals(rates(full.run()), rates(resumed.run()));
        assertEquals(full.state().epoch(), resumed.state().epoch());
        assertEquals(ModelFile.read(full.run().lastModel()).network().params(), ModelFile.read(resumed.run().lastModel()).network().params());
    }

    /** A clock that moves one second every time it is read, so that a time budget runs out after a known number of reads. */
    private static final class TickingClock extends Clock {
        private long millis;

        @Override
        public long millis() {
            millis += 1000;
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void maxTimeStopsMidEpochWithABestModelAndAnEvaluation() throws IOException {
        List<String> messages = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        RnnkitConfig config = TrainFixtures.config(NO_EPOCHS, "training.max_time=10s");
        RunDirectory run = RunDirectory.create(dir.resolve("budget"));
        TrainingResult result = new Trainer(new LocalEngine(), listener, new StopRequest(), new TickingClock())
                .train(config, data(), run);

        assertFalse(result.interrupted());
        assertTrue(result.state().finished());
        assertEquals(1, result.state().epoch(), "stopped in the second epoch");
        assertTrue(result.state().batch() > 0 && result.state().batch() < 6, "mid-epoch: " + result.state());
        assertTrue(result.state().trainingSeconds() >= 10);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("time budget training.max_time=10s reached in epoch 2 after minibatch "
                + result.state().batch())), messages.toString());
        // The cut-short epoch was validated, a best model exists, and it was evaluated on test.
        assertEquals(2, epochLines(run).size());
        assertTrue(Files.isRegularFile(run.bestModel()) && Files.isRegularFile(run.lastModel()));
        assertNotNull(result.evaluation());
        assertTrue(Files.isRegularFile(run.evaluation().resolve("metrics.json")));

        // The budget is spent: resuming needs a larger one, and then continues where the run stopped.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(ProgressListener.NONE, new StopRequest()).resume(run, data(), config));
        assertTrue(e.getMessage().contains("has used its time budget (training.max_time=10s)"), e.getMessage());
        TrainingResult more = new Trainer(ProgressListener.NONE, new StopRequest())
                .resume(run, data(), TrainFixtures.config(NO_EPOCHS, "training.max_time=1h", "training.epochs=3"));
        assertEquals(3, more.state().epoch());
    }

    @Test
    void seedRunsReportMeanAndStandardDeviation() throws IOException {
        RnnkitConfig config = TrainFixtures.config(NO_EPOCHS, "training.epochs=2", "training.optimizer.learning_rate=0.01");
        Path parent = dir.resolve("seeds");
        SeedRuns.Summary summary = SeedRuns.train(new Trainer(ProgressListener.NONE, new StopRequest()), config, List.of(3L, 4L),
                data(), parent, ProgressListener.NONE);

        assertTrue(summary.complete());
        assertEquals(List.of(3L, 4L), summary.runs().stream().map(SeedRuns.SeedRun::seed).toList());
        for (SeedRuns.SeedRun r : summary.runs()) {
            assertTrue(Files.readString(Path.of(r.runDir()).resolve("config.yaml")).contains("seed: " + r.seed()));
        }
        double a = summary.runs().get(0).metrics().get("loss");
        double b = summary.runs().get(1).metrics().get("loss");
        assertFalse(a == b, "different seeds train different models");
        SeedRuns.Spread loss = summary.metrics().get("loss");
        assertEquals((a + b) / 2, loss.mean(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), loss.std(), 1e-12);
        JsonNode json = dev.rnnkit.eval.EvalJson.mapper().readTree(parent.resolve("seeds.json").toFile());
        assertEquals(loss.mean(), json.path("metrics").path("loss").path("mean").asDouble(), 1e-12);
        assertTrue(Files.readString(parent.resolve("seeds.txt")).startsWith("cls: 2 seeds on test"));
    }

    @Test
    void theRunSaysWhenItWillEnd() {
        assertEquals("training: at most 100 epochs; early stopping on val_accuracy (patience 4)",
                Trainer.plan(TrainFixtures.config(NO_EPOCHS).training()));
        assertEquals("training: at most 100 epochs; early stopping on val_accuracy (patience 4); learning rate x0.5 after 1 epochs "
                + "without improvement; time budget 5m", Trainer.plan(TrainFixtures.config(NO_EPOCHS, PLATEAU, "training.max_time=5m").training()));
        assertEquals("training: at most 3 epochs", Trainer.plan(TrainFixtures.config(NO_EPOCHS, "training.epochs=3",
                "training.early_stopping.enabled=false").training()));
    }

    @Test
    void spreadIsTheSampleStandardDeviation() {
        SeedRuns.Spread s = SeedRuns.Spread.of(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, s.mean(), 0);
        assertEquals(1.0, s.std(), 1e-15);
        assertEquals(0.0, SeedRuns.Spread.of(List.of(5.0)).std(), 0);
    }
}
