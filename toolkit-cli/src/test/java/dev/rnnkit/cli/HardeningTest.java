package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs a hostile test found mishandled: each now one clear line (exit 2) or a note, never silence or a Java text. */
class HardeningTest {

    @TempDir
    Path dir;

    private static void assertOneLine(CliTestSupport.Result r, String expected) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(expected, r.err().strip());
    }

    @Test
    void anEmptyEncoderEntryIsNamedNotANullPointer() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), """
                input: {type: dense}
                encoder: [null]
                output: {type: forecast}
                """);
        CliTestSupport.Result r = CliTestSupport.run("validate", config.toString());
        assertOneLine(r, config + ":2: encoder[0]: is empty; expected a recurrent layer, e.g. {cell_type: lstm, state_size: 128}");
        assertFalse(r.err().contains("NullPointer"));
    }

    @Test
    void eachBadSamplingSettingHasItsOwnMessage() {
        String model = dir.resolve("no-model").toString();
        assertOneLine(CliTestSupport.run("generate", model, "--length", "-5"), "rnnkit: --length must be at least 0, got -5");
        assertOneLine(CliTestSupport.run("generate", model, "--temperature", "0"),
                "rnnkit: --temperature must be a finite number above 0 (e.g. 0.8), got 0.0");
        assertOneLine(CliTestSupport.run("generate", model, "--temperature", "Infinity"),
                "rnnkit: --temperature must be a finite number above 0 (e.g. 0.8), got Infinity");
        assertOneLine(CliTestSupport.run("generate", model, "--top-k", "-3"),
                "rnnkit: --top-k must be at least 0 (0 samples among all tokens), got -3");
    }

    @Test
    void aRunWithoutItsBestModelSaysWhichModelIsUsed() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        Files.writeString(dir.resolve("fc.yaml"), TrainFixtures.FORECAST);
        assertEquals(0, CliTestSupport.run("train", dir.resolve("fc.yaml").toString(), "--data-dir", data.toString(),
                "--run-dir", dir.resolve("run").toString()).exitCode());
        Files.delete(dir.resolve("run/model-best.zip"));
        CliTestSupport.Result r = CliTestSupport.run("evaluate", dir.resolve("run").toString(), "--data", data.resolve("series.csv").toString(),
                "--out", dir.resolve("ev").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("has no model-best.zip") && r.err().contains("using model-last.zip"), r.err());
    }

    @Test
    void aHeaderOnlyTrainingFileIsBlamedNotTheValidationFile() throws Exception {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        Files.writeString(data.resolve("train.tsv"), "sentence\tlabel\n");
        Files.writeString(dir.resolve("cls.yaml"), TrainFixtures.CLASSIFICATION);
        CliTestSupport.Result r = CliTestSupport.run("train", dir.resolve("cls.yaml").toString(), "--data-dir", data.toString(),
                "--run-dir", dir.resolve("run").toString());
        assertOneLine(r, "rnnkit: train.tsv: holds no training examples (an empty file, a header only, or every row skipped by "
                + "on_error: skip); nothing can be trained from it");
        assertFalse(Files.exists(dir.resolve("run")), "no half-made run directory");
    }

    @Test
    void aLookbackLongerThanTheSeriesIsFoundBeforeTraining() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        Files.writeString(dir.resolve("fc.yaml"), TrainFixtures.FORECAST);
        CliTestSupport.Result r = CliTestSupport.run("train", dir.resolve("fc.yaml").toString(), "--data-dir", data.toString(),
                "--set", "data.time_series.lookback=100", "--run-dir", dir.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().strip().startsWith("rnnkit: series.csv: no complete training windows: the training split has 48 rows"),
                r.err());
        assertFalse(r.out().contains("epoch 1"), "nothing trained: " + r.out());
        assertFalse(Files.exists(dir.resolve("run")), "no half-made run directory");
    }

    @Test
    void aNetworkTooBigForMemoryIsRefusedByInspectAndTrainBeforeAllocating() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("fc.yaml"), TrainFixtures.FORECAST);
        CliTestSupport.Result inspect = CliTestSupport.run("inspect", config.toString(), "--set", "encoder[0].state_size=65536",
                "--set", "input.feature_size=1", "--set", "output.output_size=1");
        assertEquals(2, inspect.exitCode(), inspect.err());
        assertTrue(inspect.err().strip().startsWith(config + ": encoder: the network has 12,885,"), inspect.err());
        assertEquals(1, inspect.err().strip().lines().count());
        CliTestSupport.Result train = CliTestSupport.run("train", config.toString(), "--set", "encoder[0].state_size=65536",
                "--data-dir", data.toString(), "--run-dir", dir.resolve("run").toString());
        assertEquals(2, train.exitCode(), train.err());
        assertTrue(train.err().contains("encoder: the network has"), train.err());
        assertFalse(Files.exists(dir.resolve("run")), "no half-made run directory");
    }

    @Test
    void aMisspeltLogLevelIsNamed() {
        assertEquals("RNNKIT_LOG_LEVEL: expected one of trace, debug, info, warn, error, off, got 'verbose'", LogLevel.problem("verbose"));
        assertEquals(null, LogLevel.problem("DEBUG"));
        assertEquals(null, LogLevel.problem(null));
    }

    @Test
    void aMissingDataDirectoryIsNamedNotCreated() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), TrainFixtures.FORECAST);
        Path missing = dir.resolve("no-such-data");
        CliTestSupport.Result r = CliTestSupport.run("train", config.toString(), "--data-dir", missing.toString(),
                "--run-dir", dir.resolve("run").toString());
        assertOneLine(r, "rnnkit: " + missing + " (set by option --data-dir): no such folder; create it first (catalogue data sets "
                + "are fetched into an existing folder), or leave it unset to use ./data (see 'rnnkit train --help')");
        assertFalse(Files.exists(missing), "a mistyped data directory is not created");
        assertFalse(Files.exists(dir.resolve("run")), "no run directory is left behind");
    }
}
