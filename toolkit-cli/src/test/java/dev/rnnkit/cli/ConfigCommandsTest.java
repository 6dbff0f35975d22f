package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@code rnnkit validate} and {@code rnnkit inspect} on the shipped configs and on bad input. */
class ConfigCommandsTest {

    static Stream<Path> shippedConfigs() throws IOException {
        return Files.list(Path.of("..", "configs")).filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void shippedConfigValidates(Path config) {
        CliTestSupport.Result r = CliTestSupport.run("validate", config.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(config + ": OK", lines.get(0));
        // The second line says where it would train.
        String engine = config.getFileName().toString().endsWith("-spark.yaml") ? "spark" : "local";
        assertTrue(lines.get(1).startsWith("engine: " + engine + ", "), r.out());
        assertEquals(2, lines.size(), r.out());
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void shippedConfigInspects(Path config) {
        CliTestSupport.Result r = CliTestSupport.run("inspect", config.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("encoder_0"), r.out());
        assertTrue(r.out().matches("(?s).*Total parameters: [0-9,]+\\n.*"), r.out());
        assertTrue(r.out().contains("Training memory per batch (estimate, float32"), r.out());
    }

    @Test
    void inspectPrintsTheClosedFormCount(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, "input: {type: dense, feature_size: 3}\nencoder: [{cell_type: gru, state_size: 4}]\n"
                + "output: {type: regression, output_size: 1}\n");
        CliTestSupport.Result r = CliTestSupport.run("inspect", c.toString());
        // GRU 3*4*(3+4) + 3*4 = 96; output 4*1 + 1 = 5.
        assertTrue(r.out().contains("Total parameters: 101\n"), r.out());
    }

    @Test
    void invalidConfigExitsTwoWithOneLinePerError(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("bad.yaml");
        Files.writeString(c, "encoder:\n  - cell_type: lsmt\n    state_size: 8\noutput: {type: classification}\n");
        CliTestSupport.Result r = CliTestSupport.run("validate", c.toString());
        assertEquals(2, r.exitCode());
        assertEquals(c + ":2: encoder[0].cell_type: unknown value 'lsmt' (did you mean 'lstm'?); expected one of lstm, gru, rnn\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void inspectExplainsSizesItCannotKnowWithoutData(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, "encoder: [{state_size: 8}]\noutput: {type: classification, num_classes: 2}\n");
        CliTestSupport.Result r = CliTestSupport.run("inspect", c.toString());
        assertEquals(2, r.exitCode());
        assertEquals(c + ": input.vocab_size: is not set in the config and no data was read to take it from; set it, "
                + "e.g. --set input.vocab_size=N, since inspect reads no data\n", r.err());
        assertEquals(0, CliTestSupport.run("inspect", c.toString(), "--set", "input.vocab_size=50").exitCode());
        // Weights from the training labels change the loss, not the layers: inspect shows the network without them.
        assertEquals(0, CliTestSupport.run("inspect", c.toString(), "--set", "input.vocab_size=50",
                "--set", "output.class_weights=auto").exitCode());
    }

    @Test
    void missingFileAndBadArgumentsExitTwo() {
        CliTestSupport.Result missing = CliTestSupport.run("validate", "no-such.yaml");
        assertEquals(2, missing.exitCode());
        assertEquals("no-such.yaml: no such file\n", missing.err());
        CliTestSupport.Result unknownOption = CliTestSupport.run("inspect", "x.yaml", "--bogus");
        assertEquals(2, unknownOption.exitCode());
        assertTrue(unknownOption.err().startsWith("rnnkit: Unknown option: '--bogus'"), unknownOption.err());
        assertEquals(2, CliTestSupport.run("inspect", "../configs/sst2-stacked-lstm.yaml", "--seq-length", "0").exitCode());
    }

    @Test
    void datasetsGenerateWritesTheSelfMadeSplits(@TempDir Path dir) throws IOException {
        CliTestSupport.Result r = CliTestSupport.run("datasets", "generate", "addition", "--train", "20", "--validation", "5",
                "--test", "5", "--data-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(20, Files.readAllLines(dir.resolve("generated/addition/train.tsv")).size());
        assertTrue(Files.readString(dir.resolve("generated/addition/test.tsv")).matches("(?s)([0-9]+\\+[0-9]+\t[0-9]+\n){5}"));
        CliTestSupport.Result bad = CliTestSupport.run("datasets", "generate", "datez", "--data-dir", dir.toString());
        assertEquals(2, bad.exitCode());
        assertEquals("rnnkit: unknown task 'datez'; expected dates or addition\n", bad.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"validate", "inspect", "schema"}) {
            CliTestSupport.Result r = CliTestSupport.run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().startsWith("Usage: rnnkit " + command), r.out());
        }
    }
}
