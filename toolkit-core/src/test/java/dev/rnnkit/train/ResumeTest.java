package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.modelfile.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A stopped run resumed from its checkpoint ends with exactly the parameters of an uninterrupted run. */
class ResumeTest {

    @TempDir
    Path dir;

    /** Classification with shuffling and dropout, so that data order and RNG state both matter. */
    private RnnkitConfig config = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "fc_layers=[{output_size: 6, dropout: 0.3}]",
            "input.word_dropout=0.2");

    private INDArray uninterrupted(Path data) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("full"));
        new Trainer(ProgressListener.NONE, new StopRequest()).train(config, data, run);
        return ModelFile.read(run.lastModel()).network().params();
    }

    private INDArray stoppedAndResumed(Path data, String name, ProgressListener stopper, StopRequest stop) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve(name));
        TrainingResult first = new Trainer(stopper, stop).train(config, data, run);
        assertTrue(first.interrupted());
        assertEquals(0, summaryLines(run), "an interrupted run has no summary line");
        TrainingResult second = new Trainer(ProgressListener.NONE, new StopRequest()).resume(RunDirectory.existing(run.root()), data, config);
        assertFalse(second.interrupted());
        assertEquals(2, second.state().epoch());
        assertEquals(1, summaryLines(run), "a finished run has one summary line");
        List<String> epochs = new MetricsLog(run.metrics()).lines().stream()
                .filter(l -> l.path("type").asText().equals("epoch")).map(l -> l.path("epoch").asText()).toList();
        assertEquals(List.of("1", "2"), epochs);
        return ModelFile.read(run.lastModel()).network().params();
    }

    @Test
    @Tag("cpu-exact") // two runs' parameters must be equal: true on the CPU backend with one thread; GPU kernels are not deterministic
    void stoppedAfterEpochOneAndResumedEqualsUninterrupted() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        StopRequest stop = new StopRequest();
        ProgressListener stopAfterFirstEpoch = new ProgressListener() {
            @Override
            public void epochFinished(EpochSummary summary) {
                stop.request();
            }
        };
        assertEquals(uninterrupted(data), stoppedAndResumed(data, "stopped", stopAfterFirstEpoch, stop));
    }

    @Test
    @Tag("cpu-exact") // two runs' parameters must be equal: true on the CPU backend with one thread; GPU kernels are not deterministic
    void stoppedMidEpochAndResumedEqualsUninterrupted() throws IOException {
        assertMidEpochResumeIsExact(TrainFixtures.classificationData(dir.resolve("data")));
    }

    /** A ComputationGraph (characters + CRF tagger) resumes exactly like a stack. */
    @Test
    @Tag("cpu-exact") // two runs' parameters must be equal: true on the CPU backend with one thread; GPU kernels are not deterministic
    void graphModelStoppedMidEpochAndResumedEqualsUninterrupted() throws IOException {
        config = TrainFixtures.config(TrainFixtures.TAGGING, "input.char_encoder={type: bilstm, embedding_size: 3, output_size: 4}",
                "output.crf=true", "encoder[0].dropout=0.2", "input.word_dropout=0.1");
        assertMidEpochResumeIsExact(TrainFixtures.taggingData(dir.resolve("data")));
        assertTrue(ModelFile.read(dir.resolve("mid").resolve("model-last.zip")).network().isGraph());
    }

    /** An attention encoder-decoder (a graph with rnnkit's own decoder vertex) resumes exactly too. */
    @Test
    @Tag("cpu-exact") // two runs' parameters must be equal: true on the CPU backend with one thread; GPU kernels are not deterministic
    void attentionSeq2seqStoppedMidEpochAndResumedEqualsUninterrupted() throws IOException {
        config = TrainFixtures.config(TrainFixtures.TRANSLATION);
        assertMidEpochResumeIsExact(TrainFixtures.translationData(dir.resolve("data")));
        assertTrue(ModelFile.read(dir.resolve("mid").resolve("model-last.zip")).network().isGraph());
    }

    private void assertMidEpochResumeIsExact(Path data) throws IOException {
        StopRequest stop = new StopRequest();
        ProgressListener stopAtBatchThree = new ProgressListener() {
            @Override
            public void batchFinished(int epoch, int batch, int examples, double loss) {
                if (epoch == 1 && batch == 3) {
                    stop.request();
                }
            }
        };
        INDArray resumed = stoppedAndResumed(data, "mid", stopAtBatchThree, stop);
        assertEquals(List.of("checkpoint-0000-000003.zip", "checkpoint-0001-000000.zip", "checkpoint-0002-000000.zip"),
                new Checkpoints(dir.resolve("mid/checkpoints"), 3).list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(uninterrupted(data), resumed);
        // The resumed epoch's line covers the whole epoch, as in the uninterrupted run: loss and examples.
        List<List<Double>> full = epochLines(dir.resolve("full"));
        assertEquals(full, epochLines(dir.resolve("mid")));
    }

    private static List<List<Double>> epochLines(Path run) {
        return new MetricsLog(new RunDirectory(run).metrics()).lines().stream().filter(l -> l.path("type").asText().equals("epoch"))
                .map(l -> List.of(l.path("train_loss").asDouble(), l.path("examples").asDouble())).toList();
    }

    @Test
    void resumeRefusesAChangedConfig() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        new Trainer(ProgressListener.NONE, new StopRequest()).train(TrainFixtures.config(TrainFixtures.CLASSIFICATION, "training.epochs=1"), data, run);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(ProgressListener.NONE, new StopRequest())
                .resume(run, data, TrainFixtures.config(TrainFixtures.CLASSIFICATION, "seed=9")));
        assertEquals("the config differs from " + run.config() + " in 'seed'; a resumed run keeps its config (only training.epochs, training.max_time and the engine may change)",
                e.getMessage());
        // Raising the epochs continues the finished run.
        TrainingResult more = new Trainer(ProgressListener.NONE, new StopRequest()).resume(run, data, TrainFixtures.config(TrainFixtures.CLASSIFICATION));
        assertEquals(2, more.state().epoch());
    }

    private static long summaryLines(RunDirectory run) {
        return new MetricsLog(run.metrics()).lines().stream().filter(l -> l.path("type").asText().equals(MetricsLog.SUMMARY)).count();
    }
}
