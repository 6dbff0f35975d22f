package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train, evaluate, predict and generate commands end to end, and their one-line errors with exit 2. */
class ModelCommandsTest {

    @TempDir
    static Path dir;

    static Path run;

    /** What a command printed and returned. */
    record Outcome(int exit, String out, String err) {
    }

    static Outcome execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = RnnkitCli.commandLine().execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        Path data = CliTestSupport.sentimentData(dir.resolve("data"), 16);
        Files.writeString(dir.resolve("cls.yaml"), """
                name: cls
                input: {type: embedding, embedding_size: 4}
                encoder: [{cell_type: lstm, state_size: 8}]
                output: {type: classification}
                training: {batch_size: 8, epochs: 2}
                data: {train: train.tsv, validation: dev.tsv, prefetch: 0, text: {text_column: sentence, label_column: label}}
                """);
        run = dir.resolve("run");
        Outcome o = execute("train", dir.resolve("cls.yaml").toString(), "--data-dir", data.toString(), "--run-dir", run.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("epoch 2/2: train loss"), o.out());
        assertTrue(o.out().contains("run directory: " + run), o.out());
    }

    @Test
    void evaluateWritesMetricsForAFile() {
        Outcome o = execute("evaluate", run.toString(), "--data", dir.resolve("data/dev.tsv").toString(), "--out", dir.resolve("ev").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("macro avg"), o.out());
        assertTrue(Files.isRegularFile(dir.resolve("ev/metrics.json")));
        assertTrue(Files.isRegularFile(dir.resolve("ev/confusion-matrix.png")));
    }

    @Test
    void predictPrintsOneJsonLinePerText() throws IOException {
        // Predicted in batches sorted by length, printed in input order.
        Path input = Files.writeString(dir.resolve("in.txt"), "good fun and a bad film\ngood\n\nbad film\n");
        Outcome o = execute("predict", run.resolve("model-last.zip").toString(), "--input", input.toString());
        assertEquals(0, o.exit(), o.err());
        String[] lines = o.out().strip().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("{\"text\":\"good fun and a bad film\",\"label\":\""), lines[0]);
        assertTrue(lines[1].startsWith("{\"text\":\"good\",\"label\":\""), lines[1]);
        assertTrue(lines[2].startsWith("{\"text\":\"bad film\",\"label\":\""), lines[2]);
    }

    @Test
    void aBeamIsRefusedForAModelWithoutAnAttentionDecoder() throws IOException {
        Path input = Files.writeString(dir.resolve("in-beam.txt"), "good\n");
        Outcome o = execute("predict", run.toString(), "--input", input.toString(), "--beam", "3");
        assertEquals(2, o.exit());
        assertEquals("rnnkit: " + run.resolve("model-best.zip") + ": --beam applies to seq2seq models with an attention decoder (output.attention)\n",
                o.err());
    }

    @Test
    void generateRefusesAClassifier() {
        Outcome o = execute("generate", run.toString());
        assertEquals(2, o.exit());
        assertEquals("rnnkit: " + run.resolve("model-best.zip") + ": not a generation model (output.type classification)\n", o.err());
    }

    @Test
    void missingRunDirectoryIsOneLineAndExit2() {
        Path missing = dir.resolve("nope");
        for (String command : new String[] {"evaluate", "predict", "generate"}) {
            Outcome o = command.equals("generate") ? execute(command, missing.toString())
                    : execute(command, missing.toString(), command.equals("evaluate") ? "--data" : "--input", "x");
            assertEquals(2, o.exit(), command);
            assertEquals("rnnkit: " + missing + ": no such run directory or model file\n", o.err(), command);
        }
    }

    @Test
    void corruptModelZipIsOneLineAndExit2() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.zip"), "not a zip at all");
        Outcome o = execute("predict", bad.toString(), "--input", "-");
        assertEquals(2, o.exit());
        assertEquals("rnnkit: " + bad + ": not a valid zip file (damaged or not a model file)\n", o.err());
    }

    @Test
    void unknownSetKeyIsOneLineAndExit2() {
        Outcome o = execute("train", dir.resolve("cls.yaml").toString(), "--set", "training.epoch=3", "--run-dir", dir.resolve("r2").toString());
        assertEquals(2, o.exit());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("--set: training.epoch: unknown key 'epoch' (did you mean 'epochs'?)"), o.err());
    }

    @Test
    void theSparkEngineOutsideTheSparkApplicationIsOneLineAndExit2BeforeAnythingIsWritten() {
        Path target = dir.resolve("never");
        Outcome o = execute("train", dir.resolve("cls.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--set", "training.engine=spark", "--run-dir", target.toString());
        assertEquals(2, o.exit());
        assertEquals("rnnkit: training.engine: the spark engine comes with rnnkit's Spark application (module toolkit-spark): "
                + "run it with spark-submit or toolkit-spark/rnnkit-spark (README, \"Scaling out\")\n", o.err());
        assertFalse(java.nio.file.Files.exists(target));
    }

    @Test
    void theParallelEngineTrainsFromTheCommandLine() {
        Outcome o = execute("train", dir.resolve("cls.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--set", "training.engine=parallel", "--set", "training.parallel.workers=2", "--run-dir", dir.resolve("par").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("engine: parallel, DL4J ParallelWrapper on this machine with 2 workers"), o.out());
        assertTrue(o.out().contains("epoch 2/2: train loss"), o.out());
    }

    @Test
    void resumeOfAMissingRunIsOneLineAndExit2() {
        Path missing = dir.resolve("gone");
        Outcome o = execute("train", dir.resolve("cls.yaml").toString(), "--resume", missing.toString());
        assertEquals(2, o.exit());
        assertEquals("rnnkit: " + missing + ": no such run directory\n", o.err());
    }

    @Test
    void seedsTrainOneRunPerSeedAndPrintTheSpread() throws IOException {
        Path runs = dir.resolve("seeds");
        Outcome o = execute("train", dir.resolve("cls.yaml").toString(), "--data-dir", dir.resolve("data").toString(), "--run-dir", runs.toString(),
                "--seeds", "5,6", "--set", "training.epochs=1");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("cls: 2 seeds on validation"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("accuracy ")), o.out());
        assertTrue(Files.isRegularFile(runs.resolve("seed-5/model-best.zip")) && Files.isRegularFile(runs.resolve("seed-6/model-best.zip")));
        assertTrue(Files.isRegularFile(runs.resolve("seeds.json")));
    }

    @Test
    void badSeedsAreOneLineAndExit2() {
        Outcome twice = execute("train", dir.resolve("cls.yaml").toString(), "--seeds", "5,5");
        assertEquals(2, twice.exit());
        assertEquals("rnnkit: --seeds: each seed once, got [5, 5]\n", twice.err());
        Outcome notANumber = execute("train", dir.resolve("cls.yaml").toString(), "--seeds", "5,x");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().startsWith("rnnkit: Invalid value for option '--seeds' (SEED): 'x' is not a long"), notANumber.err());
        Outcome withResume = execute("train", dir.resolve("cls.yaml").toString(), "--seeds", "5,6", "--resume", dir.resolve("x").toString());
        assertEquals(2, withResume.exit());
        assertTrue(withResume.err().startsWith("rnnkit: --seeds starts new runs"), withResume.err());
    }
}
